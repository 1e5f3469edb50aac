namespace Descent.NN;

/// <summary>
/// Initialization schemes for parameters, as <c>torch.nn.init</c>. Each writes into the given tensor in place
/// (without recording for autograd, so it works on parameters) and returns it.
/// </summary>
/// <remarks>
/// The random schemes draw from the generator passed to them, or from <see cref="Generator.Default"/> when none is
/// given. The numbers differ from PyTorch's (another generator), but the distributions and their bounds are the same.
/// </remarks>
public static class Init
{
    /// <summary>Fills <paramref name="tensor"/> with samples of U(<paramref name="a"/>, <paramref name="b"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="a"/> is greater than <paramref name="b"/>.</exception>
    public static Tensor Uniform(Tensor tensor, double a = 0, double b = 1, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (!(a <= b))
        {
            throw new ArgumentOutOfRangeException(nameof(b), b,
                $"uniform expects a [from, to) range, but found from={PyRepr.Float(a)} > to={PyRepr.Float(b)}.");
        }
        Generator g = generator ?? Generator.Default;
        using (Autograd.NoGrad())
        {
            Span<float> data = tensor.AsSpan();
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = (float)(a + (b - a) * g.NextFloat());
            }
        }
        return tensor;
    }

    /// <summary>Fills <paramref name="tensor"/> with samples of N(<paramref name="mean"/>, <paramref name="std"/>²).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="std"/> is negative.</exception>
    public static Tensor Normal(Tensor tensor, double mean = 0, double std = 1, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (!(std >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(std), std, $"normal expects std >= 0.0, but found std {PyRepr.Float(std)}.");
        }
        Generator g = generator ?? Generator.Default;
        using (Autograd.NoGrad())
        {
            Span<float> data = tensor.AsSpan();
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = (float)(mean + std * g.NextNormal());
            }
        }
        return tensor;
    }

    /// <summary>Fills <paramref name="tensor"/> with <paramref name="value"/>.</summary>
    public static Tensor Constant(Tensor tensor, double value)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using (Autograd.NoGrad())
        {
            tensor.AsSpan().Fill((float)value);
        }
        return tensor;
    }

    /// <summary>Fills <paramref name="tensor"/> with zeros.</summary>
    public static Tensor Zeros(Tensor tensor) => Constant(tensor, 0);

    /// <summary>Fills <paramref name="tensor"/> with ones.</summary>
    public static Tensor Ones(Tensor tensor) => Constant(tensor, 1);

    /// <summary>
    /// Glorot initialization: U(−a, a) with a = gain·√(6 / (fan_in + fan_out)), which keeps the variance of
    /// activations and gradients roughly equal across layers.
    /// </summary>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions.</exception>
    public static Tensor XavierUniform(Tensor tensor, double gain = 1, Generator? generator = null)
    {
        double std = XavierStd(tensor, gain);
        double a = Math.Sqrt(3.0) * std;
        return Uniform(tensor, -a, a, generator);
    }

    /// <summary>Glorot initialization with N(0, std²), std = gain·√(2 / (fan_in + fan_out)).</summary>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions.</exception>
    public static Tensor XavierNormal(Tensor tensor, double gain = 1, Generator? generator = null) =>
        Normal(tensor, 0, XavierStd(tensor, gain), generator);

    /// <summary>
    /// He initialization: U(−bound, bound) with bound = gain·√(3 / fan), gain from
    /// <see cref="CalculateGain"/>(<paramref name="nonlinearity"/>, <paramref name="a"/>).
    /// </summary>
    /// <param name="tensor">The tensor to fill; at least 2-D.</param>
    /// <param name="a">The negative slope of the leaky ReLU that follows (used only for <see cref="Nonlinearity.LeakyRelu"/>).</param>
    /// <param name="mode">Which fan to scale by.</param>
    /// <param name="nonlinearity">The function that follows the layer.</param>
    /// <param name="generator">The source of the samples.</param>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions.</exception>
    public static Tensor KaimingUniform(Tensor tensor, double a = 0, FanMode mode = FanMode.FanIn,
        Nonlinearity nonlinearity = Nonlinearity.LeakyRelu, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.NumElements == 0)
        {
            // PyTorch warns and returns: a zero-element tensor has nothing to fill and no meaningful fan.
            return tensor;
        }
        double bound = Math.Sqrt(3.0) * KaimingStd(tensor, a, mode, nonlinearity);
        return Uniform(tensor, -bound, bound, generator);
    }

    /// <summary>He initialization with N(0, std²), std = gain / √fan.</summary>
    /// <param name="tensor">The tensor to fill; at least 2-D.</param>
    /// <param name="a">The negative slope of the leaky ReLU that follows (used only for <see cref="Nonlinearity.LeakyRelu"/>).</param>
    /// <param name="mode">Which fan to scale by.</param>
    /// <param name="nonlinearity">The function that follows the layer.</param>
    /// <param name="generator">The source of the samples.</param>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions.</exception>
    public static Tensor KaimingNormal(Tensor tensor, double a = 0, FanMode mode = FanMode.FanIn,
        Nonlinearity nonlinearity = Nonlinearity.LeakyRelu, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.NumElements == 0)
        {
            return tensor;
        }
        return Normal(tensor, 0, KaimingStd(tensor, a, mode, nonlinearity), generator);
    }

    /// <summary>
    /// The recommended scale of the weights before <paramref name="nonlinearity"/>, as PyTorch's
    /// <c>calculate_gain</c>: 1 for linear, convolution and sigmoid; 5/3 for tanh; √2 for ReLU;
    /// √(2 / (1 + slope²)) for leaky ReLU; 3/4 for SELU.
    /// </summary>
    /// <param name="nonlinearity">The function.</param>
    /// <param name="param">The negative slope for <see cref="Nonlinearity.LeakyRelu"/> (0.01 when null); ignored otherwise.</param>
    public static double CalculateGain(Nonlinearity nonlinearity, double? param = null) => nonlinearity switch
    {
        Nonlinearity.Linear or Nonlinearity.Conv1d or Nonlinearity.Conv2d or Nonlinearity.Conv3d
            or Nonlinearity.ConvTranspose1d or Nonlinearity.ConvTranspose2d or Nonlinearity.ConvTranspose3d
            or Nonlinearity.Sigmoid => 1,
        Nonlinearity.Tanh => 5.0 / 3,
        Nonlinearity.Relu => Math.Sqrt(2.0),
        Nonlinearity.LeakyRelu => Math.Sqrt(2.0 / (1 + Math.Pow(param ?? 0.01, 2))),
        Nonlinearity.Selu => 3.0 / 4,
        _ => throw new ArgumentOutOfRangeException(nameof(nonlinearity), nonlinearity, $"Unsupported nonlinearity {nonlinearity}."),
    };

    /// <summary>
    /// The fan-in and fan-out of a weight, as PyTorch's <c>_calculate_fan_in_and_fan_out</c>: dimension 1 and
    /// dimension 0, each times the product of the remaining dimensions (the receptive field of a convolution).
    /// </summary>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions.</exception>
    public static (int FanIn, int FanOut) CalculateFanInAndFanOut(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Rank < 2)
        {
            throw new ArgumentException(
                $"Fan in and fan out can not be computed for tensor with fewer than 2 dimensions (shape {PyRepr.Shape(tensor)}).",
                nameof(tensor));
        }
        int receptiveField = 1;
        for (int d = 2; d < tensor.Rank; d++)
        {
            receptiveField *= tensor.Size(d);
        }
        return (tensor.Size(1) * receptiveField, tensor.Size(0) * receptiveField);
    }

    private static double XavierStd(Tensor tensor, double gain)
    {
        (int fanIn, int fanOut) = CalculateFanInAndFanOut(tensor);
        return gain * Math.Sqrt(2.0 / (fanIn + fanOut));
    }

    private static double KaimingStd(Tensor tensor, double a, FanMode mode, Nonlinearity nonlinearity)
    {
        (int fanIn, int fanOut) = CalculateFanInAndFanOut(tensor);
        int fan = mode switch
        {
            FanMode.FanIn => fanIn,
            FanMode.FanOut => fanOut,
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, $"Unsupported fan mode {mode}."),
        };
        return CalculateGain(nonlinearity, a) / Math.Sqrt(fan);
    }
}
