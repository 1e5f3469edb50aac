namespace Descent.Optim;

/// <summary>Hyperparameters of <see cref="SGD"/>, with PyTorch's defaults.</summary>
public sealed record SgdOptions : OptimizerOptions
{
    /// <summary>Creates options with PyTorch's defaults (lr = 1e-3).</summary>
    public SgdOptions() => Lr = 1e-3;

    /// <summary>Momentum factor μ.</summary>
    public double Momentum { get; init; }

    /// <summary>Dampening τ applied to the gradient in the momentum buffer.</summary>
    public double Dampening { get; init; }

    /// <summary>L2 penalty added to the gradient.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Nesterov momentum.</summary>
    public bool Nesterov { get; init; }

    /// <summary>Maximize the objective instead of minimizing it.</summary>
    public bool Maximize { get; init; }

    /// <inheritdoc/>
    protected override string Checks => "0 <= lr, 0 <= momentum, 0 <= weight_decay";

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        Throw.OutOfRangeIf(Nesterov && (Momentum <= 0 || Dampening != 0), "nesterov", Nesterov,
            $"Nesterov momentum requires a momentum and zero dampening (momentum = {Check.Format(Momentum)}, dampening = {Check.Format(Dampening)}).");
    }
}
