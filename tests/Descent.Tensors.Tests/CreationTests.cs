namespace Descent.Tensors.Tests;

/// <summary>Tensors made from shapes, ranges and arrays; values checked against PyTorch 1.13 where it defines them.</summary>
public class CreationTests
{
    [Fact]
    public void ArangeMatchesPyTorch()
    {
        // torch.arange(0, 1, 0.1) (float32), torch.arange(1, 2.5, 0.5), torch.arange(5, 0, -1.5), bit for bit.
        Assert.Equal([0f, 0.10000000149011612f, 0.20000000298023224f, 0.30000001192092896f, 0.4000000059604645f,
            0.5f, 0.6000000238418579f, 0.699999988079071f, 0.800000011920929f, 0.8999999761581421f],
            Tensor.Arange(0, 1, 0.1).ToArray());
        Assert.Equal([1f, 1.5f, 2f], Tensor.Arange(1, 2.5, 0.5).ToArray());
        Assert.Equal([5f, 3.5f, 2f, 0.5f], Tensor.Arange(5, 0, -1.5).ToArray());
        Assert.Equal([0f, 1f, 2f, 3f], Tensor.Arange(4).ToArray());
        Assert.Equal([4], Tensor.Arange(4).Dims());
        Assert.Empty(Tensor.Arange(0).ToArray());
    }

    [Fact]
    public void ArangeRefusesInconsistentArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Arange(0, 1, 0));
        Assert.Throws<ArgumentException>(() => Tensor.Arange(0, 1, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Arange(0, double.PositiveInfinity));
    }

    [Fact]
    public void LinspaceMatchesPyTorch()
    {
        Assert.Equal([0f, 0.25f, 0.5f, 0.75f, 1f], Tensor.Linspace(0, 1, 5).ToArray());
        Assert.Equal([2f], Tensor.Linspace(2, 5, 1).ToArray());
        Assert.Empty(Tensor.Linspace(2, 5, 0).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Linspace(0, 1, -1));

        // torch.linspace(-1, 3, 7) and (0, 1, 10) in float32. PyTorch's own last bit depends on its build: the
        // AVX2 kernel fuses start + step·i into one FMA and fills runs of 8 from a vector base, so other
        // builds differ from it too. Descent computes each value with the two roundings of the formula, within
        // one ulp of PyTorch, with both ends exact.
        AssertWithinOneUlp([-1f, -0.3333333134651184f, 0.3333333730697632f, 0.9999999403953552f, 1.6666666269302368f,
            2.3333332538604736f, 3f], Tensor.Linspace(-1, 3, 7));
        AssertWithinOneUlp([0f, 0.1111111119389534f, 0.2222222238779068f, 0.3333333432674408f, 0.4444444477558136f,
            0.5555555820465088f, 0.6666666865348816f, 0.7777777910232544f, 0.8888888955116272f, 1f],
            Tensor.Linspace(0, 1, 10));
    }

    private static void AssertWithinOneUlp(float[] expected, Tensor actual)
    {
        float[] values = actual.ToArray();
        Assert.Equal(expected.Length, values.Length);
        Assert.Equal(expected[0], values[0]);
        Assert.Equal(expected[^1], values[^1]);
        for (int i = 0; i < values.Length; i++)
        {
            Assert.True(TensorAssert.Ulps(expected[i], values[i]) <= 1, $"at {i}: {values[i]:R}, PyTorch {expected[i]:R}");
        }
    }

    [Fact]
    public void Eye()
    {
        Assert.Equal([1f, 0f, 0f, 0f, 1f, 0f, 0f, 0f, 1f], Tensor.Eye(3).ToArray());
        Tensor wide = Tensor.Eye(2, 3);
        Assert.Equal([2, 3], wide.Dims());
        Assert.Equal([1f, 0f, 0f, 0f, 1f, 0f], wide.ToArray());
        Assert.Equal([3, 2], Tensor.Eye(3, 2).Dims());
        Assert.Equal([1f, 0f, 0f, 1f, 0f, 0f], Tensor.Eye(3, 2).ToArray());
    }

    [Fact]
    public void FullZerosOnes()
    {
        Tensor full = Tensor.Full([2, 3], -1.5f);
        Assert.Equal([2, 3], full.Dims());
        Assert.All(full.ToArray(), v => Assert.Equal(-1.5f, v));
        Assert.All(Tensor.Zeros(4).ToArray(), v => Assert.Equal(0f, v));
        Assert.All(Tensor.Ones(2, 2).ToArray(), v => Assert.Equal(1f, v));
        Assert.Equal([3, 1], Tensor.OnesLike(Tensor.Zeros(3, 1)).Dims());
        Assert.Equal([0, 2], Tensor.ZerosLike(Tensor.Zeros(0, 2)).Dims());
        Assert.Empty(Tensor.Ones(0, 5).ToArray());
    }

    [Fact]
    public void FromArrayCopiesItsInput()
    {
        float[] data = [1f, 2f, 3f, 4f];
        Tensor t = Tensor.FromArray(data, 2, 2);
        data[0] = 100f;
        Assert.Equal(1f, t[0, 0]);
        float[] copy = t.ToArray();
        copy[1] = 100f;
        Assert.Equal(2f, t[0, 1]);
    }

    [Fact]
    public void FromArrayShapes()
    {
        Assert.Equal([3], Tensor.FromArray([1f, 2f, 3f]).Dims());
        Assert.Equal([0], Tensor.FromArray([]).Dims());
        // No shape always means 1-D, even for one value, as torch.tensor([5.]); Scalar makes a 0-D tensor.
        Assert.Equal([1], Tensor.FromArray([5f]).Dims());
        Assert.Equal([1, 1], Tensor.FromArray([5f], 1, 1).Dims());
        Assert.Throws<ArgumentException>(() => Tensor.FromArray([1f, 2f, 3f], 2, 2));
        Assert.Throws<ArgumentException>(() => Tensor.FromArray([], -1));
    }

    [Fact]
    public void ScalarIsZeroDimensional()
    {
        Tensor s = Tensor.Scalar(2.5f);
        Assert.Equal(0, s.Rank);
        Assert.Equal(1, s.NumElements);
        Assert.Equal(2.5f, s.Item());
        Assert.Equal(2.5f, s[Array.Empty<int>()]);
    }

    [Fact]
    public void NegativeSizesAreRefused()
    {
        Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, -1));
        Assert.Throws<ArgumentException>(() => Tensor.Full([-2], 1f));
        Assert.Throws<ArgumentException>(() => Tensor.Rand(-1));
    }
}
