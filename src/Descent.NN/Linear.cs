namespace Descent.NN;

/// <summary>
/// The affine layer y = x·Wᵀ + b, as <c>torch.nn.Linear</c>: input [*, in_features], output [*, out_features].
/// </summary>
/// <remarks>
/// The weight is initialized as PyTorch does, by Kaiming-uniform with a = √5, which amounts to
/// U(−1/√in_features, 1/√in_features); the bias is drawn from the same interval.
/// </remarks>
public sealed class Linear : Module
{
    /// <summary>Creates a layer with freshly initialized weight and bias.</summary>
    /// <param name="inFeatures">The size of each input sample.</param>
    /// <param name="outFeatures">The size of each output sample.</param>
    /// <param name="bias">False leaves out the bias term.</param>
    /// <param name="generator">The source of the initial values; <see cref="Generator.Default"/> when null.</param>
    public Linear(int inFeatures, int outFeatures, bool bias = true, Generator? generator = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inFeatures);
        ArgumentOutOfRangeException.ThrowIfNegative(outFeatures);
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = RegisterParameter("weight", new Parameter(Tensor.Zeros(outFeatures, inFeatures)));
        Bias = RegisterParameter("bias", bias ? new Parameter(Tensor.Zeros(outFeatures)) : null);
        ResetParameters(generator);
    }

    /// <summary>The size of each input sample.</summary>
    public int InFeatures { get; }

    /// <summary>The size of each output sample.</summary>
    public int OutFeatures { get; }

    /// <summary>The weight, of shape [out_features, in_features].</summary>
    public Parameter Weight { get; }

    /// <summary>The bias, of shape [out_features], or null for a layer without bias.</summary>
    public Parameter? Bias { get; }

    /// <summary>Draws new initial values for the weight and bias, in place, as the constructor does.</summary>
    /// <param name="generator">The source of the values; <see cref="Generator.Default"/> when null.</param>
    public void ResetParameters(Generator? generator = null)
    {
        Init.KaimingUniform(Weight, a: Math.Sqrt(5), generator: generator);
        if (Bias is not null)
        {
            (int fanIn, _) = Init.CalculateFanInAndFanOut(Weight);
            double bound = fanIn > 0 ? 1 / Math.Sqrt(fanIn) : 0;
            Init.Uniform(Bias, -bound, bound, generator);
        }
    }

    /// <summary>Computes x·Wᵀ + b over the last dimension of <paramref name="input"/>.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank <= 2)
        {
            return Tensor.Linear(input, Weight, Bias);
        }
        // Leading dimensions are batch dimensions: fold them into one for the fused op and unfold the result.
        int[] outputShape = [.. input.Shape];
        outputShape[^1] = OutFeatures;
        int rows = 1;
        for (int d = 0; d < input.Rank - 1; d++)
        {
            rows *= input.Size(d);
        }
        return Tensor.Linear(input.Reshape(rows, input.Size(-1)), Weight, Bias).Reshape(outputShape);
    }

    /// <inheritdoc/>
    protected override string ExtraRepr() =>
        $"in_features={InFeatures}, out_features={OutFeatures}, bias={PyRepr.Bool(Bias is not null)}";
}
