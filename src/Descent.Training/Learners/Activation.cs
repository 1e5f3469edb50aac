namespace Descent.Training;

/// <summary>The activation between the hidden layers of an MLP learner.</summary>
public enum Activation
{
    /// <summary>max(x, 0).</summary>
    ReLU,

    /// <summary>Hyperbolic tangent.</summary>
    Tanh,

    /// <summary>Logistic sigmoid.</summary>
    Sigmoid,

    /// <summary>Exact GELU.</summary>
    GELU,

    /// <summary>Leaky ReLU with slope 0.01.</summary>
    LeakyReLU,

    /// <summary>ELU with α = 1.</summary>
    ELU,
}
