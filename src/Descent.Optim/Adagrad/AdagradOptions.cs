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
    protected override string Checks => "0 <= lr, 0 <= lr_decay, 0 <= weight_decay, 0 <= initial_accumulator_value, 0 <= eps";
}
