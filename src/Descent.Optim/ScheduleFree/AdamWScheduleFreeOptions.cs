namespace Descent.Optim;

/// <summary>Hyperparameters of <see cref="AdamWScheduleFree"/>, with the reference's defaults (lr = 0.0025, betas = (0.9, 0.999), eps = 1e-8).</summary>
public sealed record AdamWScheduleFreeOptions : ScheduleFreeOptions
{
    /// <summary>Creates options with the reference's defaults.</summary>
    public AdamWScheduleFreeOptions() => Lr = 0.0025;

    /// <summary>β₁, the interpolation between z and the average, and β₂, the decay of the second moment.</summary>
    public (double Beta1, double Beta2) Betas { get; init; } = (0.9, 0.999);

    /// <summary>ε added to the denominator outside the root.</summary>
    public double Eps { get; init; } = 1e-8;

    /// <summary>An exponential average of the gradient inside the update with this decay; 0 (the default) keeps none.</summary>
    public double InnerMomentum { get; init; }

    internal override double AverageBeta => Betas.Beta1;

    /// <summary>
    /// The reference checks nothing; these are PyTorch's AdamW checks, with β₁ &gt; 0 besides, since <c>eval()</c>
    /// divides by it, and the inner momentum in [0, 1).
    /// </summary>
    public override void Validate()
    {
        base.Validate();
        Check.All(this, "0 <= eps");
        Throw.OutOfRangeIf(!(Betas.Beta1 > 0 && Betas.Beta1 < 1), "betas", Betas.Beta1,
            $"Invalid beta parameter at index 0: {Check.Format(Betas.Beta1)} (betas must be in (0, 1))");
        Check.All(this, "0 <= betas < 1, 0 <= inner_momentum");
    }
}
