namespace Descent.NN;

/// <summary>The non-linear functions <see cref="Init.CalculateGain"/> knows, as PyTorch's <c>calculate_gain</c> names them.</summary>
public enum Nonlinearity
{
    /// <summary>The identity (<c>linear</c>); gain 1.</summary>
    Linear,

    /// <summary><c>conv1d</c>; gain 1.</summary>
    Conv1d,

    /// <summary><c>conv2d</c>; gain 1.</summary>
    Conv2d,

    /// <summary><c>conv3d</c>; gain 1.</summary>
    Conv3d,

    /// <summary><c>conv_transpose1d</c>; gain 1.</summary>
    ConvTranspose1d,

    /// <summary><c>conv_transpose2d</c>; gain 1.</summary>
    ConvTranspose2d,

    /// <summary><c>conv_transpose3d</c>; gain 1.</summary>
    ConvTranspose3d,

    /// <summary><c>sigmoid</c>; gain 1.</summary>
    Sigmoid,

    /// <summary><c>tanh</c>; gain 5/3.</summary>
    Tanh,

    /// <summary><c>relu</c>; gain √2.</summary>
    Relu,

    /// <summary><c>leaky_relu</c>; gain √(2 / (1 + negative_slope²)).</summary>
    LeakyRelu,

    /// <summary><c>selu</c>; gain 3/4.</summary>
    Selu,
}
