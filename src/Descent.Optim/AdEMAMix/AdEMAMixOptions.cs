namespace Descent.Optim;

/// <summary>
/// Hyperparameters of <see cref="AdEMAMix"/>, with the keys and defaults of the paper's PyTorch version
/// (apple/ml-ademamix, pytorch/ademamix.py): lr = 1e-3, betas = (0.9, 0.999, 0.9999), alpha = 2, eps = 1e-8.
/// </summary>
public sealed record AdEMAMixOptions : OptimizerOptions
{
    /// <summary>Creates options with the reference's defaults.</summary>
    public AdEMAMixOptions() => Lr = 1e-3;

    /// <summary>
    /// (β₁, β₂, β₃): the decays of the fast average, the second moment and the slow average. Three numbers; the array
    /// is the record's, so replace it rather than change it.
    /// </summary>
    public double[] Betas { get; init; } = [0.9, 0.999, 0.9999];

    /// <summary>ε added to the denominator outside the root.</summary>
    public double Eps { get; init; } = 1e-8;

    /// <summary>α, the weight of the slow average against the fast one (after warmup).</summary>
    public double Alpha { get; init; } = 2.0;

    /// <summary>Steps over which β₃ rises from β₁ to its value, linearly in half-life; null for none.</summary>
    public int? Beta3Warmup { get; init; }

    /// <summary>Steps over which α rises linearly from 0 to its value; null for none.</summary>
    public int? AlphaWarmup { get; init; }

    /// <summary>Weight decay λ, as in AdamW: added to the update, then scaled by the learning rate.</summary>
    public double WeightDecay { get; init; }

    /// <summary>The reference's checks and messages, in its order.</summary>
    public override void Validate()
    {
        int count = Betas?.Length ?? 0;
        Throw.OutOfRangeIf(count != 3, "betas", count, $"betas must hold three numbers (beta1, beta2, beta3), got {count}");
        base.Validate();
    }

    /// <inheritdoc/>
    protected override string Checks => "0 <= lr, 0 <= eps, 0 <= betas < 1, 0 <= weight_decay, 0 <= alpha";

    /// <summary>α at <paramref name="step"/> (from 1): the paper's linear warmup from 0, in double as the reference.</summary>
    internal double AlphaAt(int step)
    {
        if (AlphaWarmup is not int warmup || step >= warmup)
        {
            return Alpha;
        }
        double a = step / (double)warmup;
        return (1.0 - a) * 0 + a * Alpha;
    }

    /// <summary>
    /// β₃ at <paramref name="step"/> (from 1): the paper's warmup from β₁, linear in the half-life
    /// f(β) = ln ½ / ln(β + 1e-8) − 1, with f⁻¹(t) = ½^(1/(t + 1)).
    /// </summary>
    internal double Beta3At(int step)
    {
        if (Beta3Warmup is not int warmup || step >= warmup)
        {
            return Betas[2];
        }
        static double HalfLife(double beta) => Math.Log(0.5) / Math.Log(beta + 1e-8) - 1;
        double a = step / (double)warmup;
        double t = (1.0 - a) * HalfLife(Betas[0]) + a * HalfLife(Betas[2]);
        return Math.Pow(0.5, 1 / (t + 1));
    }
}
