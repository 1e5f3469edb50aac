namespace Descent.Tensors.Tests;

/// <summary>Small assertion helpers shared by the test classes.</summary>
internal static class TensorAssert
{
    /// <summary>The shape as an array, which xUnit compares element by element (an ImmutableArray it does not).</summary>
    public static int[] Dims(this Tensor t) => [.. t.Shape];

    /// <summary>Asserts shape and values, exactly.</summary>
    public static void Equal(int[] shape, float[] values, Tensor actual)
    {
        Assert.Equal(shape, actual.Dims());
        Assert.Equal(values, actual.ToArray());
    }

    /// <summary>Distance in units in the last place between two finite floats of the same sign.</summary>
    public static int Ulps(float a, float b) => Math.Abs(BitConverter.SingleToInt32Bits(a) - BitConverter.SingleToInt32Bits(b));
}
