using System.Numerics.Tensors;
using Descent.Optim.Codec;

namespace Descent.Optim;

/// <summary>
/// L-BFGS (Liu &amp; Nocedal), as PyTorch implements it after minFunc: a quasi-Newton method that runs several
/// iterations per <see cref="Step(Func{Tensor})"/>, re-evaluating the loss through a closure, with an optional
/// strong-Wolfe line search.
/// </summary>
/// <remarks>
/// All parameters form one vector θ (flattened, concatenated in order); g is the gradient there, missing gradients
/// counting as zeros. Each iteration k of a step, as in PyTorch:
/// <code>
/// d ← −g                                          on the optimizer's first iteration (γ = 1, no pairs)
/// otherwise  y ← g − g_prev,  s ← t·d
///            keep (y, s, ρ = 1/(y·s)) and γ ← y·s / y·y   if y·s &gt; 1e-10 (at most history_size pairs)
///            d ← −H·g by the two-loop recursion over the pairs, starting from H₀ = γI
/// t ← min(1, 1/‖g‖₁)·lr on the optimizer's first iteration, else lr
/// stop if g·d &gt; −tolerance_change
/// t ← strong-Wolfe line search from t (if line_search_fn), and θ ← θ + t·d
/// re-evaluate loss and g (the line search already did; without it, not on the last iteration)
/// stop after max_iter iterations or max_eval evaluations, or when max|g| ≤ tolerance_grad,
///      max|t·d| ≤ tolerance_change or |Δloss| &lt; tolerance_change
/// </code>
/// There is no per-parameter kernel: the iteration couples all parameters through dot products, so its vector
/// work runs through <see cref="TensorPrimitives"/> on the flat vectors. It supports one param group only, and
/// its whole state is filed under the first parameter, both as in PyTorch. The closure always runs with grad mode
/// on, as PyTorch wraps it in <c>enable_grad</c>, so it records its graph even when the step is called under
/// <c>Autograd.NoGrad()</c>.
/// </remarks>
public sealed class LBFGS : Optimizer
{
    private static readonly LbfgsOptions s_defaults = new();

    private const string OneGroupOnly = "LBFGS doesn't support per-parameter options (parameter groups)";

    private readonly FlatParameters _flat;

    /// <summary>Creates L-BFGS over <paramref name="parameters"/>; each hyperparameter left out takes its default from <see cref="LbfgsOptions"/>.</summary>
    public LBFGS(IEnumerable<Parameter> parameters, double? lr = null, int? maxIter = null, int? maxEval = null,
        double? toleranceGrad = null, double? toleranceChange = null, int? historySize = null, string? lineSearchFn = null)
        : this([new ParamGroup(parameters)], lr, maxIter, maxEval, toleranceGrad, toleranceChange, historySize, lineSearchFn)
    {
    }

    /// <summary>Creates L-BFGS over exactly one param group, which may override these defaults.</summary>
    /// <exception cref="ArgumentException">More than one group.</exception>
    public LBFGS(IEnumerable<ParamGroup> groups, double? lr = null, int? maxIter = null, int? maxEval = null,
        double? toleranceGrad = null, double? toleranceChange = null, int? historySize = null, string? lineSearchFn = null)
        : base(groups, new LbfgsOptions
        {
            Lr = lr ?? s_defaults.Lr, MaxIter = maxIter ?? s_defaults.MaxIter,
            MaxEval = maxEval ?? (int)Math.Floor((maxIter ?? s_defaults.MaxIter) * 5 / 4.0),  // Python's max_iter * 5 // 4
            ToleranceGrad = toleranceGrad ?? s_defaults.ToleranceGrad, ToleranceChange = toleranceChange ?? s_defaults.ToleranceChange,
            HistorySize = historySize ?? s_defaults.HistorySize, LineSearchFn = lineSearchFn,
        })
    {
        Throw.ArgumentIf(ParamGroups.Count != 1, OneGroupOnly, nameof(groups));
        _flat = new FlatParameters(ParamGroups[0].Params);
    }

    /// <summary>
    /// Runs up to max_iter L-BFGS iterations, calling <paramref name="closure"/> (which must clear the gradients,
    /// compute the loss, call Backward and return the loss) whenever it needs the loss and gradient.
    /// </summary>
    /// <returns>The loss of the first evaluation, before any change to the parameters.</returns>
    public override Tensor Step(Func<Tensor> closure)
    {
        ArgumentNullException.ThrowIfNull(closure);
        if (ParamGroups.Count != 1)
        {
            throw new InvalidOperationException(OneGroupOnly);
        }
        RunStepHooks(post: false);
        Tensor loss = Minimize(WithGrad(closure), (LbfgsOptions)ParamGroups[0].Options);
        RunStepHooks(post: true);
        return loss;
    }

    /// <summary>Always throws: L-BFGS evaluates the loss several times per step, so it needs a closure.</summary>
    protected override void UpdateGroup(ParamGroup group) => throw new InvalidOperationException(
        "LBFGS evaluates the loss several times per step: call Step(closure) with a closure that clears the gradients, " +
        "computes the loss, calls Backward and returns the loss.");

    private protected override ParameterState DecodeState(IReadOnlyDictionary<string, object> entries, Parameter parameter, string where)
    {
        Throw.ArgumentIf(!ReferenceEquals(parameter, ParamGroups[0].Params[0]), $"{where}: LBFGS keeps its whole state under the first parameter.");
        // PyTorch also saves 'al', the two-loop recursion's scratch space: every iteration writes it before reading it.
        var kept = entries.Where(e => e.Key != "al").ToDictionary(e => e.Key, e => e.Value);
        var state = (LbfgsState)StateCodec.FromDictionary(typeof(LbfgsState), kept, [_flat.Length], where);
        Throw.ArgumentIf(state.OldStps?.Count != state.OldDirs?.Count || state.Ro?.Count != state.OldDirs?.Count,
            $"{where}: old_dirs, old_stps and ro must have the same length.");
        object?[] iterated = [state.D, state.T, state.OldDirs, state.HDiag, state.PrevFlatGrad, state.PrevLoss];
        return state.NIter > 0 && iterated.Contains(null)
            ? throw new ArgumentException($"{where}: after an iteration (n_iter > 0) every entry must be present.")
            : state;
    }

    private Tensor Minimize(Func<Tensor> closure, LbfgsOptions o)
    {
        Parameter first = ParamGroups[0].Params[0];
        if (GetState(first) is not LbfgsState state)
        {
            state = new LbfgsState();
            SetState(first, state);
        }
        Tensor origLoss = closure();
        double loss = origLoss.Item();
        int currentEvals = 1;
        state.FuncEvals++;
        var flatGrad = new float[_flat.Length];
        _flat.GatherGrad(flatGrad);
        if (MaxAbs(flatGrad) <= (float)o.ToleranceGrad)
        {
            return origLoss;
        }

        Tensor? d = state.D;
        TorchNumber t = state.T is float lastT ? TorchNumber.Tensor(lastT) : 0.0;
        List<Tensor> oldDirs = state.OldDirs ?? [];
        List<Tensor> oldStps = state.OldStps ?? [];
        List<float> ro = state.Ro ?? [];
        float hDiag = state.HDiag ?? 1f;
        Tensor? prevFlatGrad = state.PrevFlatGrad;
        double prevLoss = state.PrevLoss ?? 0;

        int nIter = 0;
        while (nIter < o.MaxIter)
        {
            nIter++;
            state.NIter++;
            if (state.NIter == 1)
            {
                d = Tensor.Zeros(_flat.Length);
                TensorPrimitives.Negate(flatGrad, d.AsSpan());
                (oldDirs, oldStps, ro, hDiag) = ([], [], [], 1f);
            }
            else
            {
                hDiag = InverseHessian.Remember(flatGrad, prevFlatGrad!.AsReadOnlySpan(), d!.AsReadOnlySpan(), (float)t,
                    oldDirs, oldStps, ro, o.HistorySize, hDiag);
                d = InverseHessian.Direction(flatGrad, oldDirs, oldStps, ro, hDiag);
            }
            prevFlatGrad ??= Tensor.Zeros(_flat.Length);
            flatGrad.CopyTo(prevFlatGrad.AsSpan());
            prevLoss = loss;

            t = state.NIter == 1 ? FirstStepLength(flatGrad) * o.Lr : o.Lr;

            float gtd = TensorPrimitives.Dot(flatGrad, d.AsReadOnlySpan());
            if (gtd > (float)-o.ToleranceChange)
            {
                break;  // not a descent direction
            }

            int lsFuncEvals = 0;
            if (o.LineSearchFn is not null)
            {
                float[] x = _flat.Snapshot();
                float[] direction = d.ToArray();
                (loss, flatGrad, t, lsFuncEvals) = StrongWolfe.Search(
                    (step, grad) => _flat.EvaluateAt(closure, x, (float)step, direction, grad), t, direction, loss, flatGrad,
                    TorchNumber.Tensor(gtd));
                _flat.Add((float)t, direction);
            }
            else
            {
                _flat.Add((float)t, d.AsReadOnlySpan());
                if (nIter != o.MaxIter)
                {
                    // Without a line search the last iteration skips this evaluation: the next step makes it anyway.
                    loss = closure().Item();
                    _flat.GatherGrad(flatGrad);
                    lsFuncEvals = 1;
                }
            }
            currentEvals += lsFuncEvals;
            state.FuncEvals += lsFuncEvals;

            if (nIter == o.MaxIter || currentEvals >= o.MaxEval || MaxAbs(flatGrad) <= (float)o.ToleranceGrad)
            {
                break;
            }
            // max|d|·|t| is PyTorch's d.mul(t).abs().max() exactly, since rounding a product is monotonic.
            if (MaxAbs(d.AsReadOnlySpan()) * MathF.Abs((float)t) <= (float)o.ToleranceChange || Math.Abs(loss - prevLoss) < o.ToleranceChange)
            {
                break;  // no more progress
            }
        }

        if (nIter > 0)
        {
            (state.D, state.T, state.PrevFlatGrad, state.PrevLoss) = (d, (float)t, prevFlatGrad, (float)prevLoss);
            (state.OldDirs, state.OldStps, state.Ro, state.HDiag) = (oldDirs, oldStps, ro, hDiag);
        }
        return origLoss;
    }

    /// <summary>min(1, 1/‖g‖₁): Python's min keeps the float32 tensor 1/‖g‖₁ when it is the smaller.</summary>
    private static TorchNumber FirstStepLength(ReadOnlySpan<float> g)
    {
        float inverseNorm = 1f / TensorPrimitives.SumOfMagnitudes(g);
        return inverseNorm < 1f ? TorchNumber.Tensor(inverseNorm) : 1.0;
    }

    private static float MaxAbs(ReadOnlySpan<float> x) => MathF.Abs(TensorPrimitives.MaxMagnitude(x));
}
