namespace Descent.Optim;

/// <summary>Hyperparameters of <see cref="Adagrad"/>, with PyTorch's defaults.</summary>
public sealed record AdagradOptions : OptimizerOptions
{
    /// <summary>Creates options with PyTorch's defaults (lr = 1e-2, eps = 1e-10).</summary>
    public AdagradOptions() => Lr = 1e-2;

    /// <summary>Learning-rate decay η: step t uses γ / (1 + (t − 1)η).</summary>
    public double LrDecay { get; init; }

    /// <summary>ε added to the denominator for numerical stability.</summary>
    public double Eps { get; init; } = 1e-10;

    /// <summary>L2 penalty added to the gradient.</summary>
    public double WeightDecay { get; init; }

    /// <summary>The value the sum of squared gradients starts from.</summary>
    public double InitialAccumulatorValue { get; init; }

    /// <summary>Maximize the objective instead of minimizing it.</summary>
    public bool Maximize { get; init; }

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        Check.NonNegative(LrDecay, "lr_decay", "lr_decay value");
        Check.NonNegative(WeightDecay, "weight_decay", "weight_decay value");
        Check.NonNegative(InitialAccumulatorValue, "initial_accumulator_value", "initial_accumulator_value value");
        Check.NonNegative(Eps, "eps", "epsilon value");
    }
}
