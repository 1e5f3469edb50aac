namespace Descent.Tensors.Tests;

/// <summary>Values of the shape ops against small cases computed by hand.</summary>
public class ShapeOpTests
{
    // [[0, 1, 2], [3, 4, 5]]
    private static Tensor M() => Tensor.Arange(6).Reshape(2, 3);

    // [[[0..3], [4..7], [8..11]], [[12..15], [16..19], [20..23]]]
    private static Tensor Cube() => Tensor.Arange(24).Reshape(2, 3, 4);

    [Fact]
    public void ReshapeSharesTheBuffer()
    {
        Tensor x = M();
        Tensor r = x.Reshape(3, 2);
        TensorAssert.Equal([3, 2], [0f, 1f, 2f, 3f, 4f, 5f], r);
        x.AsSpan()[4] = 40f;
        Assert.Equal(40f, r[2, 0]);
        Assert.Equal([6], x.Reshape(-1).Dims());
        Assert.Equal([2, 1, 3], x.Reshape(2, -1, 3).Dims());
        Assert.Equal([0, 5], Tensor.Zeros(0, 5).Reshape(-1, 5).Dims());
    }

    [Fact]
    public void Transpose()
    {
        TensorAssert.Equal([3, 2], [0f, 3f, 1f, 4f, 2f, 5f], M().Transpose(0, 1));
        TensorAssert.Equal([3, 2], [0f, 3f, 1f, 4f, 2f, 5f], M().T);
        TensorAssert.Equal([3, 2], [0f, 3f, 1f, 4f, 2f, 5f], M().Transpose(-1, -2));
        TensorAssert.Equal([2, 3], [0f, 1f, 2f, 3f, 4f, 5f], M().Transpose(1, 1));
        Tensor t = Cube().Transpose(0, 2);
        Assert.Equal([4, 3, 2], t.Dims());
        Assert.Equal(Cube()[1, 2, 3], t[3, 2, 1]);
        Assert.Equal(Cube()[0, 1, 2], t[2, 1, 0]);
    }

    [Fact]
    public void Permute()
    {
        Tensor x = Cube();
        Tensor p = x.Permute(2, 0, 1);
        Assert.Equal([4, 2, 3], p.Dims());
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                for (int k = 0; k < 4; k++)
                {
                    Assert.Equal(x[i, j, k], p[k, i, j]);
                }
            }
        }
        Assert.Equal(x.ToArray(), x.Permute(2, 0, 1).Permute(1, 2, 0).ToArray());
        Assert.Equal([0, 2], Tensor.Zeros(2, 0).Permute(1, 0).Dims());
    }

    [Fact]
    public void Narrow()
    {
        TensorAssert.Equal([2, 2], [1f, 2f, 4f, 5f], M().Narrow(1, 1, 2));
        TensorAssert.Equal([1, 3], [3f, 4f, 5f], M().Narrow(0, 1, 1));
        TensorAssert.Equal([2, 1], [2f, 5f], M().Narrow(-1, -1, 1));
        TensorAssert.Equal([2, 0], [], M().Narrow(1, 3, 0));
        TensorAssert.Equal([2, 3, 2], [1f, 2f, 5f, 6f, 9f, 10f, 13f, 14f, 17f, 18f, 21f, 22f], Cube().Narrow(2, 1, 2));
    }

    [Fact]
    public void IndexSelect()
    {
        TensorAssert.Equal([2, 4], [2f, 0f, 2f, 2f, 5f, 3f, 5f, 5f], M().IndexSelect(1, 2, 0, -1, 2));
        TensorAssert.Equal([3, 3], [3f, 4f, 5f, 0f, 1f, 2f, 3f, 4f, 5f], M().IndexSelect(0, 1, 0, 1));
        TensorAssert.Equal([2, 0], [], M().IndexSelect(1));
        TensorAssert.Equal([2, 1, 4], [4f, 5f, 6f, 7f, 16f, 17f, 18f, 19f], Cube().IndexSelect(1, 1));
    }

    [Fact]
    public void Concat()
    {
        Tensor a = M();
        Tensor b = Tensor.FromArray([10f, 11f, 12f], 1, 3);
        TensorAssert.Equal([3, 3], [0f, 1f, 2f, 3f, 4f, 5f, 10f, 11f, 12f], Tensor.Concat([a, b], 0));
        Tensor c = Tensor.FromArray([10f, 11f], 2, 1);
        TensorAssert.Equal([2, 4], [0f, 1f, 2f, 10f, 3f, 4f, 5f, 11f], Tensor.Concat([a, c], 1));
        TensorAssert.Equal([2, 4], [0f, 1f, 2f, 10f, 3f, 4f, 5f, 11f], Tensor.Concat([a, Tensor.Zeros(2, 0), c], -1));
        TensorAssert.Equal([2, 3], [0f, 1f, 2f, 3f, 4f, 5f], Tensor.Concat([a], 1));
    }

    [Fact]
    public void Stack()
    {
        Tensor a = Tensor.FromArray([1f, 2f]);
        Tensor b = Tensor.FromArray([3f, 4f]);
        TensorAssert.Equal([2, 2], [1f, 2f, 3f, 4f], Tensor.Stack([a, b]));
        TensorAssert.Equal([2, 2], [1f, 3f, 2f, 4f], Tensor.Stack([a, b], 1));
        TensorAssert.Equal([2, 2], [1f, 3f, 2f, 4f], Tensor.Stack([a, b], -1));
        TensorAssert.Equal([3], [1f, 2f, 3f], Tensor.Stack([Tensor.Scalar(1f), Tensor.Scalar(2f), Tensor.Scalar(3f)]));
        TensorAssert.Equal([2, 3, 2], [0f, 0f, 1f, 1f, 2f, 2f, 3f, 3f, 4f, 4f, 5f, 5f], Tensor.Stack([M(), M()], 2));
    }

    [Fact]
    public void SqueezeAndUnsqueeze()
    {
        Tensor x = Tensor.Arange(6).Reshape(1, 2, 1, 3);
        TensorAssert.Equal([2, 3], x.ToArray(), x.Squeeze());
        TensorAssert.Equal([2, 1, 3], x.ToArray(), x.Squeeze(0));
        TensorAssert.Equal([1, 2, 3], x.ToArray(), x.Squeeze(-2));
        TensorAssert.Equal([1, 2, 1, 3], x.ToArray(), x.Squeeze(1));
        Assert.Empty(Tensor.Ones(1, 1).Squeeze().Dims());
        TensorAssert.Equal([1, 2, 3], M().ToArray(), M().Unsqueeze(0));
        TensorAssert.Equal([2, 1, 3], M().ToArray(), M().Unsqueeze(1));
        TensorAssert.Equal([2, 3, 1], M().ToArray(), M().Unsqueeze(-1));
        TensorAssert.Equal([1], [7f], Tensor.Scalar(7f).Unsqueeze(0));
        // Views: they share the buffer.
        Tensor u = x.Squeeze();
        x.AsSpan()[0] = 9f;
        Assert.Equal(9f, u[0, 0]);
    }

    [Fact]
    public void Expand()
    {
        TensorAssert.Equal([2, 3], [1f, 1f, 1f, 2f, 2f, 2f], Tensor.FromArray([1f, 2f], 2, 1).Expand(2, 3));
        TensorAssert.Equal([2, 2], [1f, 2f, 1f, 2f], Tensor.FromArray([1f, 2f]).Expand(2, 2));
        TensorAssert.Equal([2, 2, 3], [1f, 1f, 1f, 2f, 2f, 2f, 1f, 1f, 1f, 2f, 2f, 2f], Tensor.FromArray([1f, 2f], 2, 1).Expand(2, -1, 3));
        TensorAssert.Equal([3], [5f, 5f, 5f], Tensor.Scalar(5f).Expand(3));
        TensorAssert.Equal([0, 2], [], Tensor.FromArray([1f, 2f]).Expand(0, 2));
    }

    [Fact]
    public void ExpandAndWhereKeepNegativeZero()
    {
        // PyTorch's expand and where copy bits: −0 stays −0 (1 / x is −∞, not +∞).
        Assert.True(float.IsNegative(Tensor.FromArray([-0f]).Expand(3)[2]));
        Tensor picked = Tensor.Where(Tensor.FromArray([1f, 0f]), Tensor.Scalar(-0f), Tensor.FromArray([-0f, -0f]));
        Assert.All(picked.ToArray(), v => Assert.True(float.IsNegative(v)));
    }

    [Fact]
    public void Flatten()
    {
        Assert.Equal([24], Cube().Flatten().Dims());
        Assert.Equal([2, 12], Cube().Flatten(1).Dims());
        Assert.Equal([6, 4], Cube().Flatten(0, 1).Dims());
        Assert.Equal([2, 3, 4], Cube().Flatten(1, 1).Dims());
        Assert.Equal([1], Tensor.Scalar(3f).Flatten().Dims());
        Assert.Equal(Cube().ToArray(), Cube().Flatten().ToArray());
    }

    [Fact]
    public void SumOverSeveralDims()
    {
        TensorAssert.Equal([3], [60f, 92f, 124f], Cube().Sum([0, 2]));
        TensorAssert.Equal([1, 3, 1], [60f, 92f, 124f], Cube().Sum([-1, 0], keepDim: true));
        TensorAssert.Equal([], [276f], Cube().Sum((int[]?)null));
        TensorAssert.Equal([1, 1, 1], [276f], Cube().Sum([], keepDim: true));
        TensorAssert.Equal([3], [7.5f, 11.5f, 15.5f], Cube().Mean([0, 2]));
    }

    [Fact]
    public void VarBindsASingleIntToADim()
    {
        // As in PyTorch, x.Var(0) is the variance over dim 0, and x.Var() over all elements.
        Tensor x = Tensor.FromArray([1f, 2f, 3f, 5f], 2, 2);
        TensorAssert.Equal([2], [2f, 4.5f], x.Var(0));
        Assert.Equal(2.9166667f, x.Var().Item(), 1e-6f);
        Assert.Equal(2.1875f, x.Var(correction: 0).Item(), 1e-6f);
        TensorAssert.Equal([1, 2], [1f, 2.25f], x.Var([0], correction: 0, keepDim: true));
        Assert.Equal(MathF.Sqrt(2.9166667f), x.Std().Item(), 1e-6f);
        Assert.True(float.IsNaN(Tensor.Scalar(1f).Var().Item()));
    }

    [Fact]
    public void ClampAndLog1p()
    {
        TensorAssert.Equal([4], [-1f, 0.5f, 1f, 1f], Tensor.FromArray([-3f, 0.5f, 1f, 7f]).Clamp(-1f, 1f));
        Assert.True(float.IsNaN(Tensor.FromArray([float.NaN]).Clamp(0f, 1f)[0]));
        // min > max: PyTorch sets every element to max.
        TensorAssert.Equal([2], [2f, 2f], Tensor.FromArray([1f, 5f]).Clamp(3f, 2f));
        TensorAssert.Equal([2], [1f, 5f], Tensor.FromArray([-1f, 5f]).Clamp(min: 1f));
        // Gradient flows where min ≤ x ≤ max, bounds included (PyTorch's clamp_backward).
        Tensor x = Tensor.FromArray([-3f, -1f, 0.5f, 1f, 7f]).RequireGrad();
        x.Clamp(-1f, 1f).Sum().Backward();
        Assert.Equal([0f, 1f, 1f, 1f, 0f], x.Grad!.ToArray());
        Assert.Equal("ClampBackward1", x.Clamp(0f, 1f).GradFn!.Name);
        // torch.tensor([1e-10]).log1p() is 1.0000000133514320e-10: the float nearest 1e-10.
        Assert.Equal(1e-10f, Tensor.FromArray([1e-10f]).Log1p()[0]);
        Assert.Equal(-0.6931471824645996f, Tensor.FromArray([-0.5f]).Log1p()[0]);
    }
}
