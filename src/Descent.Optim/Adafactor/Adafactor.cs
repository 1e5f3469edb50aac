using Descent.Optim.Codec;

namespace Descent.Optim;

/// <summary>
/// Adafactor (Shazeer &amp; Stern, 2018) as PyTorch 2.5+ implements it: a second moment factored into row and column
/// means for parameters of two or more dimensions, a relative step size and update clipping.
/// </summary>
/// <remarks>
/// For each parameter θ with gradient g at step t, as <c>torch/optim/_adafactor.py</c>:
/// <code>
/// g ← −g if maximize
/// w ← t^τ   (τ = beta2_decay; the weight 1 − β̂₂ₜ),   ρ ← min(γ, 1/√t),   α ← max(ε₂, RMS(θ))·ρ
/// θ ← θ(1 − γλ)
/// if dim θ ≥ 2:  R ← lerp(R, mean_last(g²), w),  C ← lerp(C, mean_second_last(g²), w),  V̂ ← R·C / max(mean(R), ε₁)
/// else:          V ← lerp(V, g², w),  V̂ ← V
/// U ← g / √max(V̂, ε₁²)
/// θ ← θ − α / max(1, RMS(U)/d) · U
/// </code>
/// The row and column means are reductions, computed the same way on both paths; the element-wise passes (U, then the
/// step) run through the operator, whose scalar form is the reference.
/// </remarks>
public sealed class Adafactor : Optimizer<AdafactorOptions, AdafactorState>
{
    private static readonly AdafactorOptions s_defaults = new();
    private readonly ScratchBuffers _updates = new();

    /// <summary>Creates Adafactor over <paramref name="parameters"/>; each hyperparameter left out takes its default from <see cref="AdafactorOptions"/>.</summary>
    public Adafactor(IEnumerable<Parameter> parameters, double? lr = null, double? beta2Decay = null, (double?, double)? eps = null,
        double? d = null, double? weightDecay = null, bool maximize = false)
        : this([new ParamGroup(parameters)], lr, beta2Decay, eps, d, weightDecay, maximize)
    {
    }

    /// <summary>Creates Adafactor over param groups; each group may override these hyperparameters.</summary>
    public Adafactor(IEnumerable<ParamGroup> groups, double? lr = null, double? beta2Decay = null, (double?, double)? eps = null,
        double? d = null, double? weightDecay = null, bool maximize = false)
        : base(groups, new AdafactorOptions
        {
            Lr = lr ?? s_defaults.Lr, Beta2Decay = beta2Decay ?? s_defaults.Beta2Decay, Eps = eps ?? s_defaults.Eps,
            D = d ?? s_defaults.D, WeightDecay = weightDecay ?? s_defaults.WeightDecay, Maximize = maximize,
        })
    {
    }

    /// <inheritdoc/>
    protected override AdafactorState CreateState(Parameter parameter, AdafactorOptions options)
    {
        if (parameter.Rank < 2)
        {
            return new AdafactorState { Variance = Tensor.ZerosLike(parameter) };
        }
        return new AdafactorState { RowVar = Tensor.Zeros(FactorShape(parameter, 1)), ColVar = Tensor.Zeros(FactorShape(parameter, 2)) };
    }

    /// <inheritdoc/>
    protected override void Update(Parameter parameter, Tensor grad, AdafactorOptions o, AdafactorState state)
    {
        state.Step++;
        int n = parameter.NumElements;
        if (n == 0)
        {
            return; // PyTorch divides by the RMS of an empty parameter and fails; nothing to move here
        }
        double t = state.Step;
        float weight = (float)Math.Pow(t, o.Beta2Decay);
        double rho = Math.Min(o.Lr, 1 / Math.Sqrt(t));
        double alpha = Math.Max(o.Eps.Eps2, TrustRatio.Norm(parameter.AsReadOnlySpan()) / Math.Sqrt(n)) * rho;

        Tensor u = _updates.For(parameter);
        if (state.RowVar is { } rowVar && state.ColVar is { } colVar)
        {
            int rows = parameter.Shape[^2], cols = parameter.Shape[^1];
            FactoredEstimate(grad.AsReadOnlySpan(), rowVar.AsSpan(), colVar.AsSpan(), u.AsSpan(), rows, cols, weight, (float)o.Eps1);
            RunNow(AdafactorOperator.Factored(o), parameter, grad, u);
        }
        else
        {
            RunNow(AdafactorOperator.Vector(o, weight), parameter, grad, state.Variance, u);
        }
        double denom = Math.Max(1.0, TrustRatio.Norm(u.AsReadOnlySpan()) / (Math.Sqrt(n) * o.D));
        RunNow(AdafactorOperator.Apply(o, -alpha / denom), parameter, u);
    }

    /// <summary>Row and column factors checked against the parameter's shape, since they are not shaped like it.</summary>
    private protected override ParameterState DecodeState(IReadOnlyDictionary<string, object> entries, Parameter parameter, string where)
    {
        var state = (AdafactorState)StateCodec.FromDictionary(typeof(AdafactorState), entries, null!, where);
        bool factored = parameter.Rank >= 2;
        CheckShape(state.RowVar, factored ? FactorShape(parameter, 1) : null, "row_var", where);
        CheckShape(state.ColVar, factored ? FactorShape(parameter, 2) : null, "col_var", where);
        CheckShape(state.Variance, factored ? null : [.. parameter.Shape], "variance", where);
        return state;
    }

    private static void CheckShape(Tensor? value, int[]? expected, string key, string where)
    {
        if (expected is null)
        {
            Throw.ArgumentIf(value is not null, $"{where}: unexpected entry '{key}' for a parameter of this rank.");
            return;
        }
        Throw.ArgumentIf(value is null, $"{where} lacks the entry '{key}'.");
        Throw.ArgumentIf(!value.Shape.SequenceEqual(expected),
            $"{where}: entry '{key}' has shape {StateValue.Format(value.Shape)} but must have shape {StateValue.Format(expected)}.");
    }

    /// <summary>θ's shape with dimension −<paramref name="fromEnd"/> set to 1 (row factor: the last; column factor: the one before).</summary>
    private static int[] FactorShape(Parameter parameter, int fromEnd)
    {
        int[] shape = [.. parameter.Shape];
        shape[^fromEnd] = 1;
        return shape;
    }

    /// <summary>
    /// Updates the row and column factors from g² and writes the variance estimate V̂ᵢⱼ = RᵢCⱼ / max(mean(R), ε₁) into
    /// <paramref name="estimate"/>, over every leading index. Each mean is a norm squared over the count, as PyTorch
    /// computes it, with sums in double.
    /// </summary>
    private static void FactoredEstimate(ReadOnlySpan<float> g, Span<float> rowVar, Span<float> colVar, Span<float> estimate,
        int rows, int cols, float weight, float eps1)
    {
        int batches = rowVar.Length / rows;
        var colSums = new double[cols];
        for (int b = 0; b < batches; b++)
        {
            ReadOnlySpan<float> gb = g.Slice(b * rows * cols, rows * cols);
            Span<float> r = rowVar.Slice(b * rows, rows), c = colVar.Slice(b * cols, cols);
            Array.Clear(colSums);
            for (int i = 0; i < rows; i++)
            {
                double sum = 0;
                for (int j = 0; j < cols; j++)
                {
                    double x = gb[i * cols + j];
                    sum += x * x;
                    colSums[j] += x * x;
                }
                r[i] = Lerp.Of(r[i], MeanFromSumOfSquares(sum, cols), weight);
            }
            double rowSum = 0;
            for (int i = 0; i < rows; i++)
            {
                rowSum += r[i];
            }
            for (int j = 0; j < cols; j++)
            {
                c[j] = Lerp.Of(c[j], MeanFromSumOfSquares(colSums[j], rows), weight);
            }
            float rowMean = MathF.Max((float)rowSum / rows, eps1);
            Span<float> e = estimate.Slice(b * rows * cols, rows * cols);
            for (int i = 0; i < rows; i++)
            {
                for (int j = 0; j < cols; j++)
                {
                    e[i * cols + j] = r[i] * c[j] / rowMean;
                }
            }
        }
    }

    // ‖x‖² / n with the norm rounded to float32 first, as PyTorch's vector_norm(...).square_().div_(n).
    private static float MeanFromSumOfSquares(double sumOfSquares, int count)
    {
        float norm = (float)Math.Sqrt(sumOfSquares);
        return norm * norm / count;
    }
}
