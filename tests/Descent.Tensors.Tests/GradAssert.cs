namespace Descent.Tensors.Tests;

/// <summary>Inputs for gradient checks and the assertion that runs <see cref="GradCheck"/>.</summary>
internal static class GradAssert
{
    /// <summary>Asserts that autograd agrees with central differences, showing the worst entry on failure.</summary>
    public static void Passes(Func<Tensor[], Tensor> function, params Tensor[] inputs)
    {
        GradCheckResult result = GradCheck.Run(function, inputs);
        Assert.True(result.Passed, $"max error {result.MaxAbsoluteError:G3} at {result.Worst}");
    }

    /// <summary>Standard normal values that require grad.</summary>
    public static Tensor Normal(ulong seed, params int[] shape) =>
        Tensor.Randn(shape, new Generator(seed)).RequireGrad();

    /// <summary>Uniform values in [low, high) that require grad.</summary>
    public static Tensor Uniform(float low, float high, ulong seed, params int[] shape) =>
        (Tensor.Rand(shape, new Generator(seed)) * (high - low) + low).Detach().RequireGrad();

    /// <summary>Values with |x| in [0.2, 1.5) and random sign: away from the kink at 0 of Abs, Relu and friends.</summary>
    public static Tensor AwayFromZero(ulong seed, params int[] shape)
    {
        var g = new Generator(seed);
        Tensor magnitude = Tensor.Rand(shape, g) * 1.3f + 0.2f;
        Tensor sign = Tensor.Rand(shape, g).Gt(0.5f) * 2f - 1f;
        return (magnitude * sign).Detach().RequireGrad();
    }

    /// <summary>
    /// Distinct values on the grid offset + 0.3·k in random order: two such tensors with offsets 0.1 and 0.25
    /// never tie or come within 0.15 of each other, far more than GradCheck's step.
    /// </summary>
    public static Tensor Grid(float offset, ulong seed, params int[] shape)
    {
        int n = shape.Aggregate(1, (a, b) => a * b);
        int[] order = new Generator(seed).Permutation(n);
        float[] data = order.Select(k => offset + 0.3f * (k - n / 2)).ToArray();
        // FromArray without a shape means 1-D; Reshape gives the 0-D case its empty shape.
        return Tensor.FromArray(data).Reshape(shape).RequireGrad();
    }
}
