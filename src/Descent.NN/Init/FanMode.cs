namespace Descent.NN;

/// <summary>Which fan Kaiming initialization scales by (PyTorch's <c>mode</c> argument).</summary>
public enum FanMode
{
    /// <summary>The number of inputs of each unit (<c>fan_in</c>): preserves the variance of activations in the forward pass.</summary>
    FanIn,

    /// <summary>The number of outputs of each unit (<c>fan_out</c>): preserves the variance of gradients in the backward pass.</summary>
    FanOut,
}
