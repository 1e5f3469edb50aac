namespace Descent.NN;

/// <summary>x for x &gt; 0, else negative_slope·x, element-wise, as <c>torch.nn.LeakyReLU</c>.</summary>
public sealed class LeakyReLU : Module
{
    /// <summary>Creates the activation.</summary>
    /// <param name="negativeSlope">The slope for negative inputs.</param>
    public LeakyReLU(double negativeSlope = 0.01) => NegativeSlope = negativeSlope;

    /// <summary>The slope for negative inputs.</summary>
    public double NegativeSlope { get; }

    /// <summary>Applies the function element-wise.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.LeakyRelu((float)NegativeSlope);
    }

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"negative_slope={PyRepr.Float(NegativeSlope)}";
}
