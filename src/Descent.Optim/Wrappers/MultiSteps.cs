using System.Numerics.Tensors;

namespace Descent.Optim;

/// <summary>
/// Gradient accumulation, as optax's <c>MultiSteps</c>: every <see cref="Optimizer.Step()"/> adds the parameters'
/// gradients to a running mean, and every <see cref="EveryKSchedule"/>-th step hands that mean to the inner
/// optimizer, which steps once. With a mean loss over batches of equal size, k steps on batches of b rows then equal
/// one step on their k·b rows.
/// </summary>
/// <remarks>
/// <para>The mean is updated as optax's Welford form, <c>acc ← acc + (g − acc) / (n + 1)</c> with <c>n</c> the
/// mini-steps so far, so that it stays well scaled however large k is. A parameter without a gradient in a mini-step
/// counts as a zero gradient there; one that never had a gradient keeps no buffer and is not stepped.</para>
/// <para>Between inner steps the parameters and the inner state do not change. After an inner step each stepped
/// parameter's <see cref="Tensor.Grad"/> holds the mean gradient it was stepped with. The state dict adds
/// <c>mini_step</c>, <c>gradient_step</c> and <c>every_k_schedule</c> to each group and <c>acc_grads</c> to each
/// parameter (optax's names), so a run resumes exactly in the middle of an accumulation.</para>
/// </remarks>
public sealed class MultiSteps : OptimizerWrapper
{
    private const string AccGradsKey = "acc_grads";
    private Dictionary<Parameter, Tensor> _accGrads = new(ReferenceEqualityComparer.Instance);
    private float[] _scratch = [];

    /// <summary>Accumulates <paramref name="everyKSchedule"/> mini-steps per step of <paramref name="inner"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="everyKSchedule"/> is below 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="inner"/> is L-BFGS.</exception>
    public MultiSteps(Optimizer inner, int everyKSchedule)
        : base(inner)
    {
        Throw.OutOfRangeIf(everyKSchedule < 1, nameof(everyKSchedule), everyKSchedule, $"every_k_schedule must be at least 1, got {everyKSchedule}");
        EveryKSchedule = everyKSchedule;
    }

    /// <summary>The mini-steps accumulated per inner step (optax's <c>every_k_schedule</c>, here a constant).</summary>
    public int EveryKSchedule { get; }

    /// <summary>The mini-steps accumulated since the last inner step, in [0, <see cref="EveryKSchedule"/>).</summary>
    public int MiniStep { get; private set; }

    /// <summary>The inner steps taken.</summary>
    public int GradientStep { get; private set; }

    /// <summary>Whether the last <see cref="Optimizer.Step()"/> stepped the inner optimizer (optax's <c>has_updated</c>).</summary>
    public bool HasUpdated => MiniStep == 0 && GradientStep > 0;

    /// <summary>The running mean of <paramref name="parameter"/>'s gradients since the last inner step, or null.</summary>
    public Tensor? GetAccumulatedGrad(Parameter parameter) => _accGrads.GetValueOrDefault(parameter);

    private protected override void Advance()
    {
        float count = MiniStep + 1;
        foreach (Parameter p in AllParameters())
        {
            if (!_accGrads.TryGetValue(p, out Tensor? acc))
            {
                if (p.Grad is null)
                {
                    continue;
                }
                acc = Tensor.ZerosLike(p);
                _accGrads[p] = acc;
            }
            Welford(acc.AsSpan(), p.Grad is { } grad ? grad.AsReadOnlySpan() : null, count);
        }
        if (MiniStep < EveryKSchedule - 1)
        {
            MiniStep++;
            return;
        }
        foreach ((Parameter p, Tensor acc) in _accGrads)
        {
            p.Grad = acc;
        }
        Inner.Step();
        _accGrads = new(ReferenceEqualityComparer.Instance);
        MiniStep = 0;
        GradientStep = GradientStep == int.MaxValue ? GradientStep : GradientStep + 1;
    }

    /// <summary>
    /// Effectively computes <c>a[i] += (g[i] − a[i]) / count</c>, with a missing gradient as zeros; each operation is
    /// one correctly rounded float32 step, so the vector form equals that scalar loop bit for bit.
    /// </summary>
    private void Welford(Span<float> a, ReadOnlySpan<float> g, float count)
    {
        if (_scratch.Length < a.Length)
        {
            _scratch = new float[a.Length];
        }
        Span<float> delta = _scratch.AsSpan(0, a.Length);
        if (g.IsEmpty)
        {
            TensorPrimitives.Negate(a, delta);
        }
        else
        {
            TensorPrimitives.Subtract(g, a, delta);
        }
        TensorPrimitives.Divide(delta, count, delta);
        TensorPrimitives.Add(a, delta, a);
    }

    private protected override IReadOnlyDictionary<string, object> Counters() => new Dictionary<string, object>
    {
        ["mini_step"] = MiniStep,
        ["gradient_step"] = GradientStep,
        ["every_k_schedule"] = EveryKSchedule,
    };

    private protected override IEnumerable<string> BufferKeys => [AccGradsKey];

    private protected override IReadOnlyDictionary<string, Tensor>? Buffers(Parameter parameter) =>
        _accGrads.TryGetValue(parameter, out Tensor? acc) ? new Dictionary<string, Tensor> { [AccGradsKey] = acc } : null;

    private protected override Action Restore(IReadOnlyDictionary<string, object?> counters, IReadOnlyDictionary<Parameter, Dictionary<string, Tensor>> buffers)
    {
        int every = ReadCount(counters, "every_k_schedule", min: 1);
        Throw.ArgumentIf(every != EveryKSchedule,
            $"the state dict accumulates every {every} mini-steps, but this MultiSteps accumulates every {EveryKSchedule}", "stateDict");
        int miniStep = ReadCount(counters, "mini_step");
        Throw.ArgumentIf(miniStep >= every, $"the state dict's mini_step {miniStep} is not below every_k_schedule {every}", "stateDict");
        int gradientStep = ReadCount(counters, "gradient_step");
        var accGrads = new Dictionary<Parameter, Tensor>(ReferenceEqualityComparer.Instance);
        foreach ((Parameter p, Dictionary<string, Tensor> entries) in buffers)
        {
            accGrads[p] = entries[AccGradsKey];
        }
        return () => (MiniStep, GradientStep, _accGrads) = (miniStep, gradientStep, accGrads);
    }
}
