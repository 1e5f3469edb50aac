namespace Descent.Optim;

/// <summary>Hyperparameters of <see cref="Rprop"/>, with PyTorch's defaults.</summary>
public sealed record RpropOptions : OptimizerOptions
{
    /// <summary>Creates options with PyTorch's defaults (lr = 1e-2, etas = (0.5, 1.2), step_sizes = (1e-6, 50)).</summary>
    public RpropOptions() => Lr = 1e-2;

    /// <summary>The factors (η₋, η₊) that shrink a step size after a sign change and grow it otherwise.</summary>
    public (double EtaMinus, double EtaPlus) Etas { get; init; } = (0.5, 1.2);

    /// <summary>The smallest and largest step sizes (Γ_min, Γ_max).</summary>
    public (double Min, double Max) StepSizes { get; init; } = (1e-6, 50);

    /// <summary>Maximize the objective instead of minimizing it.</summary>
    public bool Maximize { get; init; }

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        (double minus, double plus) = Etas;
        Throw.OutOfRangeIf(!(0 < minus && minus < 1 && 1 < plus), "etas", Etas,
            $"Invalid eta values: {Check.Format(minus)}, {Check.Format(plus)} (etas must satisfy 0 < etaminus < 1 < etaplus).");
    }
}
