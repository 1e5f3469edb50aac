namespace Descent.NN;

/// <summary>
/// log(1 + e^(βx)) / β element-wise, a smooth ReLU, as <c>torch.nn.Softplus</c>; linear where βx exceeds the
/// threshold, for numerical stability.
/// </summary>
public sealed class Softplus : Module
{
    /// <summary>Creates the activation.</summary>
    /// <param name="beta">The sharpness β.</param>
    /// <param name="threshold">Above this value of βx the function is taken as x.</param>
    public Softplus(double beta = 1.0, double threshold = 20.0)
    {
        Beta = beta;
        Threshold = threshold;
    }

    /// <summary>The sharpness β.</summary>
    public double Beta { get; }

    /// <summary>Above this value of βx the function is taken as x.</summary>
    public double Threshold { get; }

    /// <summary>Applies the function element-wise.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Softplus((float)Beta, (float)Threshold);
    }

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"beta={PyRepr.Float(Beta)}, threshold={PyRepr.Float(Threshold)}";
}
