namespace Descent.Optim;

/// <summary>Hyperparameters of <see cref="SGDScheduleFree"/>, with the reference's defaults (lr = 1, momentum = 0.9).</summary>
public sealed record SGDScheduleFreeOptions : ScheduleFreeOptions
{
    /// <summary>Creates options with the reference's defaults.</summary>
    public SGDScheduleFreeOptions() => Lr = 1.0;

    /// <summary>The interpolation β between z and the average, in (0, 1).</summary>
    public double Momentum { get; init; } = 0.9;

    internal override double AverageBeta => Momentum;

    /// <summary>The reference's checks: lr ≥ 0, weight_decay ≥ 0, 0 &lt; momentum &lt; 1.</summary>
    public override void Validate()
    {
        base.Validate();
        Throw.OutOfRangeIf(!(Momentum > 0 && Momentum < 1), "momentum", Momentum,
            $"Momentum must be between 0 and 1 exclusive: {Check.Format(Momentum)}");
    }
}
