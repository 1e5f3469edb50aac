namespace Descent.Optim;

/// <summary>
/// The hyperparameters of an optimizer, as an immutable record with PyTorch's defaults. Each param group
/// holds its own copy; change one with <c>group.Options = options with { … }</c> or through
/// <see cref="ParamGroup.Lr"/> and the group's indexer. Property names map to PyTorch's keys in snake_case
/// (<c>WeightDecay</c> ↔ <c>weight_decay</c>).
/// </summary>
public abstract record OptimizerOptions
{
    /// <summary>The learning rate.</summary>
    public double Lr { get; init; }

    /// <summary>
    /// Throws <see cref="ArgumentOutOfRangeException"/> naming the hyperparameter and its value where PyTorch
    /// raises a <c>ValueError</c>. Derived records call the base first.
    /// </summary>
    public virtual void Validate() => Check.All(this, Checks);

    /// <summary>
    /// PyTorch's checks on these hyperparameters, as its source writes them and in its order, by key:
    /// <c>"0 &lt;= lr, 0 &lt; d0, 0 &lt;= betas &lt; 1, 0 &lt;= rho &lt;= 1"</c>. Each failure reads "Invalid epsilon value: -1
    /// (eps must be &gt;= 0)."
    /// </summary>
    protected virtual string Checks => "0 <= lr";
}
