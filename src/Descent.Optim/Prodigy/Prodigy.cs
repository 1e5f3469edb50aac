using Descent.Optim.Codec;

namespace Descent.Optim;

/// <summary>
/// Prodigy (Mishchenko &amp; Defazio 2023), as the authors' PyTorch version (konstmish/prodigy, prodigyopt 1.1.2,
/// also optax's <c>contrib.prodigy</c>): Adam whose step size d·lr is estimated as it goes, so lr stays 1.
/// </summary>
/// <remarks>
/// One step, with d, k, the betas and the flags of the first group, lr the largest group lr (each group's is that
/// or 0) and dlr = d·lr (times √(1 − β₂ᵏ⁺¹) / (1 − β₁ᵏ⁺¹) with bias correction):
/// <code>
/// each parameter:  g ← g + λθ unless decoupled
///                  num += (d/d₀)·dlr·⟨g, p₀ − θ⟩      m ← β₁m + d(1 − β₁)g      v ← β₂v + d²(1 − β₂)g²
///                  s ← β₃s + (d/d₀)·dlr·g  (d/d₀·d with safeguard_warmup)    den += Σ|s|
/// no progress (den = 0): stop here
/// d_numerator ← β₃·d_numerator + num;  d̂ = d_coef·d_numerator / den
/// d ← max(d, d̂) while d = d₀;  d_max ← max(d_max, d̂);  d ← min(d_max, d·growth_rate)
/// each parameter:  θ ← θ − λ·dlr·θ if decoupled;  θ ← θ − dlr·m / (√v + dε)   (without momentum: −dlr·d·g)
/// </code>
/// The groups share d, so they step together; the sums run on one thread in element order (the moments' element
/// updates with them), and the parameter step runs through the fused driver.
/// </remarks>
public sealed class Prodigy : Optimizer
{
    private static readonly ProdigyOptions s_defaults = new();

    /// <summary>Creates Prodigy over <paramref name="parameters"/>; each hyperparameter left out takes the reference's default.</summary>
    public Prodigy(IEnumerable<Parameter> parameters, double? lr = null, (double, double)? betas = null, double? beta3 = null,
        double? eps = null, double? weightDecay = null, bool decouple = true, bool useBiasCorrection = false,
        bool safeguardWarmup = false, double? d0 = null, double? dCoef = null, double? growthRate = null, int? sliceP = null)
        : this([new ParamGroup(parameters)], lr, betas, beta3, eps, weightDecay, decouple, useBiasCorrection, safeguardWarmup, d0,
            dCoef, growthRate, sliceP)
    {
    }

    /// <summary>Creates Prodigy over param groups; each group may override these hyperparameters.</summary>
    public Prodigy(IEnumerable<ParamGroup> groups, double? lr = null, (double, double)? betas = null, double? beta3 = null,
        double? eps = null, double? weightDecay = null, bool decouple = true, bool useBiasCorrection = false,
        bool safeguardWarmup = false, double? d0 = null, double? dCoef = null, double? growthRate = null, int? sliceP = null)
        : base(groups, new ProdigyOptions
        {
            Lr = lr ?? s_defaults.Lr, Betas = betas ?? s_defaults.Betas, Beta3 = beta3, Eps = eps ?? s_defaults.Eps,
            WeightDecay = weightDecay ?? s_defaults.WeightDecay, D = d0 ?? s_defaults.D, D0 = d0 ?? s_defaults.D0,
            DMax = d0 ?? s_defaults.DMax, DCoef = dCoef ?? s_defaults.DCoef, GrowthRate = growthRate ?? s_defaults.GrowthRate,
            UseBiasCorrection = useBiasCorrection, Decouple = decouple, SafeguardWarmup = safeguardWarmup,
            SliceP = sliceP ?? s_defaults.SliceP,
        })
    {
        foreach (ParamGroup group in ParamGroups)
        {
            // The reference derives d and d_max from the constructor's d0; a group given d0 alone (the registry's
            // keyword arguments) starts from it likewise.
            var o = (ProdigyOptions)group.Options;
            if (o.K == 0 && o.D0 != ProdigyOptions.DefaultD0 && o.D == ProdigyOptions.DefaultD0 && o.DMax == ProdigyOptions.DefaultD0)
            {
                group.Options = o with { D = o.D0, DMax = o.D0 };
            }
        }
    }

    /// <summary>Not used: Prodigy's groups share d and step together in <see cref="UpdateGroups"/>.</summary>
    protected override void UpdateGroup(ParamGroup group) =>
        throw new NotSupportedException("Prodigy's param groups share their step-size estimate and step together.");

    private protected override void UpdateGroups()
    {
        var first = (ProdigyOptions)ParamGroups[0].Options;
        (double beta1, double beta2) = first.Betas;
        double beta3 = first.Beta3 ?? Math.Sqrt(beta2);
        double d = first.D, dMax = first.DMax;
        double lr = ParamGroups.Max(g => g.Lr);
        int k = first.K;
        double biasCorrection = first.UseBiasCorrection ? Math.Pow(1 - Math.Pow(beta2, k + 1), 0.5) / (1 - Math.Pow(beta1, k + 1)) : 1;
        double dlr = d * lr * biasCorrection;
        bool decouple = first.Decouple;
        double numerator = 0, denominator = 0;
        double lastD0 = first.D0;

        foreach (ParamGroup group in ParamGroups)
        {
            var o = (ProdigyOptions)group.Options;
            lastD0 = o.D0;
            if (o.Lr != lr && o.Lr != 0)
            {
                throw new InvalidOperationException("Setting different lr values in different parameter groups is only supported for values of 0");
            }
            var c = new ProdigyStatistics.Coefficients((float)beta1, (float)beta2, (float)beta3,
                o.WeightDecay != 0 && !decouple ? (float)o.WeightDecay : 0f, (float)(d * (1 - beta1)), (float)(d * d * (1 - beta2)),
                (float)(d / o.D0 * (o.SafeguardWarmup ? d : dlr)));
            foreach (Parameter p in group.Params)
            {
                if (p.Grad is not { } grad)
                {
                    continue;
                }
                if (GetState(p) is not ProdigyState state)
                {
                    state = NewState(p, o.SliceP, beta1 > 0);
                    SetState(p, state);
                }
                if (beta1 > 0 && state.ExpAvg is null)
                {
                    state.ExpAvg = Tensor.ZerosLike(p); // β₁ raised from 0 after earlier steps
                }
                Throw.ArgumentIf(state.S!.NumElements != SlicedLength(p.NumElements, o.SliceP),
                    $"Prodigy: a parameter's state 's' holds {state.S.NumElements} elements, but slice_p = {o.SliceP} takes {SlicedLength(p.NumElements, o.SliceP)}.");
                if (o.Lr > 0)
                {
                    (double dot, double absSum) = ProdigyStatistics.Accumulate(p.AsReadOnlySpan(), grad.AsReadOnlySpan(),
                        beta1 > 0 ? state.ExpAvg!.AsSpan() : default, state.ExpAvgSq!.AsSpan(), state.S!.AsSpan(),
                        state.P0!.AsReadOnlySpan(), o.SliceP, c);
                    numerator += d / o.D0 * dlr * dot;
                    denominator += absSum;
                }
            }
        }
        if (denominator == 0)
        {
            return; // no progress yet (every gradient zero): nothing moves and no counter advances, as in the reference
        }
        double globalNumerator = first.DNumerator * beta3 + numerator;
        double dHat = first.DCoef * globalNumerator / denominator;
        if (d == lastD0)
        {
            d = dHat > d ? dHat : d;           // Python's max(d, d_hat)
        }
        dMax = dHat > dMax ? dHat : dMax;
        double grown = d * first.GrowthRate;
        d = grown < dMax ? grown : dMax;       // Python's min(d_max, d * growth_rate)

        foreach (ParamGroup group in ParamGroups)
        {
            var o = (ProdigyOptions)group.Options;
            var op = new ProdigyOperator(o, decouple, beta1 > 0, dlr, d);
            foreach (Parameter p in group.Params)
            {
                if (p.Grad is not { } grad || GetState(p) is not ProdigyState state)
                {
                    continue;
                }
                state.Step++;
                Run(op, p, grad, beta1 > 0 ? state.ExpAvg : null, state.ExpAvgSq);
            }
            group.Options = o with { DNumerator = globalNumerator, D = d, DMax = dMax, K = o.K + 1 };
            group["d_denom"] = denominator;
            group["d_hat"] = dHat;
        }
    }

    private protected override ParameterState DecodeState(IReadOnlyDictionary<string, object> entries, Parameter parameter, string where)
    {
        var state = (ProdigyState)StateCodec.FromDictionary(typeof(ProdigyState), entries, null!, where);
        int[] shape = [.. parameter.Shape];
        CheckShape(state.ExpAvg, shape, "exp_avg", where);
        CheckShape(state.ExpAvgSq, shape, "exp_avg_sq", where);
        // s and p0 hold every slice_p-th element, by the slice_p of the dict's own groups (checked again at each step).
        int sliced = state.S is { Shape: [int n] } && n <= Math.Max(parameter.NumElements, 1) ? n : -1;
        Throw.ArgumentIf(sliced < 0 || (sliced == 0) != (parameter.NumElements == 0),
            $"{where}: entry 's' has shape {StateValue.Format(state.S?.Shape ?? [])}, which no slice_p gives a parameter of {parameter.NumElements} elements.");
        if (state.P0 is { Shape.Length: 0 })
        {
            return state; // the single zero of a parameter that started all zeros
        }
        CheckShape(state.P0, [sliced], "p0", where);
        return state;
    }

    private static void CheckShape(Tensor? tensor, int[] shape, string key, string where)
    {
        Throw.ArgumentIf(tensor is null && key != "exp_avg", $"{where} lacks the entry '{key}'.");
        Throw.ArgumentIf(tensor is not null && !tensor.Shape.SequenceEqual(shape),
            $"{where}: entry '{key}' has shape {StateValue.Format(tensor?.Shape ?? [])} but must have shape {StateValue.Format(shape)}.");
    }

    private static int SlicedLength(int n, int sliceP) => (n + sliceP - 1) / sliceP;

    private static ProdigyState NewState(Parameter p, int sliceP, bool momentum)
    {
        int sliced = SlicedLength(p.NumElements, sliceP);
        ReadOnlySpan<float> theta = p.AsReadOnlySpan();
        bool any = false;
        foreach (float x in theta)
        {
            any |= x != 0;   // NaN counts, as in torch's any()
        }
        Tensor p0;
        if (any)
        {
            var start = new float[sliced];
            for (int j = 0; j < sliced; j++)
            {
                start[j] = theta[j * sliceP];
            }
            p0 = Tensor.FromArray(start, sliced);
        }
        else
        {
            p0 = Tensor.Scalar(0f);
        }
        return new ProdigyState
        {
            S = Tensor.Zeros(sliced),
            P0 = p0,
            ExpAvg = momentum ? Tensor.ZerosLike(p) : null,
            ExpAvgSq = Tensor.ZerosLike(p),
        };
    }
}
