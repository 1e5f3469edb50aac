namespace Descent.Tensors.Tests;

/// <summary>Values of the reductions and how their gradients treat ties, against PyTorch 1.13.</summary>
public class ReductionTests
{
    // [[[0..3], [4..7], [8..11]], [[12..15], [16..19], [20..23]]]
    private static Tensor Cube() => Tensor.Arange(24).Reshape(2, 3, 4);

    [Fact]
    public void SumAndMeanOverEachDim()
    {
        TensorAssert.Equal([3, 4], [12f, 14f, 16f, 18f, 20f, 22f, 24f, 26f, 28f, 30f, 32f, 34f], Cube().Sum(0));
        TensorAssert.Equal([2, 4], [12f, 15f, 18f, 21f, 48f, 51f, 54f, 57f], Cube().Sum(1));
        TensorAssert.Equal([2, 3, 1], [6f, 22f, 38f, 54f, 70f, 86f], Cube().Sum(-1, keepDim: true));
        TensorAssert.Equal([2, 4], [4f, 5f, 6f, 7f, 16f, 17f, 18f, 19f], Cube().Mean(1));
        TensorAssert.Equal([], [276f], Cube().Sum());
        TensorAssert.Equal([], [11.5f], Cube().Mean());
        TensorAssert.Equal([2, 0], [], Tensor.Zeros(2, 3, 0).Sum(1));
        TensorAssert.Equal([2, 3], [0f, 0f, 0f, 0f, 0f, 0f], Tensor.Zeros(2, 3, 0).Sum(2));
    }

    [Fact]
    public void MaxAndMinOverEachDim()
    {
        Tensor x = Tensor.FromArray([3f, -1f, 7f, 2f, 9f, -4f], 2, 3);
        TensorAssert.Equal([3], [3f, 9f, 7f], x.Max(0));
        TensorAssert.Equal([2, 1], [7f, 9f], x.Max(1, keepDim: true));
        TensorAssert.Equal([2], [-1f, -4f], x.Min(-1));
        Assert.Equal(9f, x.Max().Item());
        Assert.Equal(-4f, x.Min().Item());
        TensorAssert.Equal([], [4f], x.ArgMax());
        TensorAssert.Equal([2], [2f, 1f], x.ArgMax(1));
        TensorAssert.Equal([1, 3], [0f, 1f, 0f], x.ArgMax(0, keepDim: true));
    }

    [Fact]
    public void MaxOfAllSharesTheGradientAmongTies()
    {
        // torch.tensor([1, 3, 3, 2]).max().backward() gives [0, 0.5, 0.5, 0].
        Tensor x = Tensor.FromArray([1f, 3f, 3f, 2f]).RequireGrad();
        x.Max().Backward();
        Assert.Equal([0f, 0.5f, 0.5f, 0f], x.Grad!.ToArray());
    }

    [Fact]
    public void MaxOverADimSendsTheGradientToTheFirstMaximum()
    {
        // torch.tensor([[1, 3, 3], [2, 2, 0]]).max(1)[0].sum().backward() gives [[0, 1, 0], [1, 0, 0]].
        Tensor x = Tensor.FromArray([1f, 3f, 3f, 2f, 2f, 0f], 2, 3).RequireGrad();
        x.Max(1).Sum().Backward();
        Assert.Equal([0f, 1f, 0f, 1f, 0f, 0f], x.Grad!.ToArray());
    }

    [Fact]
    public void NaNIsTheExtreme()
    {
        // torch.tensor([1, nan, 3]): max() is nan, argmax() is 1, max(0) is (nan, 1).
        Tensor x = Tensor.FromArray([1f, float.NaN, 3f]);
        Assert.True(float.IsNaN(x.Max().Item()));
        Assert.True(float.IsNaN(x.Min().Item()));
        Assert.Equal(1f, x.ArgMax().Item());
        Assert.True(float.IsNaN(x.Max(0).Item()));
    }

    [Fact]
    public void VarAndStd()
    {
        // torch.arange(24.).reshape(2, 3, 4).var(1) is 16 everywhere; .std() of all is 7.0711.
        TensorAssert.Equal([2, 4], Enumerable.Repeat(16f, 8).ToArray(), Cube().Var(1));
        TensorAssert.Equal([2, 1, 4], Enumerable.Repeat(32f / 3, 8).ToArray(), Cube().Var(1, correction: 0, keepDim: true));
        Assert.Equal(7.0710678f, Cube().Std().Item(), 1e-5f);
        Assert.Equal(MathF.Sqrt(1.25f), Cube().Std(2, correction: 0)[0, 0], 1e-6f);
    }

    [Fact]
    public void SoftmaxValues()
    {
        // torch.tensor([[1., 2., 3.], [1., 1., 1.]]).softmax(1)
        Tensor x = Tensor.FromArray([1f, 2f, 3f, 1f, 1f, 1f], 2, 3);
        float[] p = x.Softmax(1).ToArray();
        float[] expected = [0.09003057f, 0.24472847f, 0.66524096f, 1f / 3, 1f / 3, 1f / 3];
        for (int i = 0; i < p.Length; i++)
        {
            Assert.Equal(expected[i], p[i], 1e-7f);
        }
        float[] logP = x.LogSoftmax(1).ToArray();
        Assert.Equal(-2.4076059f, logP[0], 1e-6f);
        Assert.Equal(-MathF.Log(3f), logP[4], 1e-6f);
        // Softmax over dim 0 of the same tensor: columns.
        Assert.Equal(0.7310586f, x.Softmax(0)[0, 1], 1e-7f);
        // Large logits: no overflow.
        Assert.Equal([0f, 1f], Tensor.FromArray([-1000f, 1000f]).Softmax(0).ToArray());
    }
}
