namespace Descent.Tensors.Tests;

/// <summary>GradCheck for the ops that move, select, join and repeat elements.</summary>
public class ShapeGradTests
{
    private static Tensor X() => GradAssert.Normal(11, 2, 3, 4);

    [Fact]
    public void ReshapeAndFlatten()
    {
        GradAssert.Passes(x => x[0].Reshape(4, -1), X());
        GradAssert.Passes(x => x[0].Reshape(24), X());
        GradAssert.Passes(x => x[0].Flatten(), X());
        GradAssert.Passes(x => x[0].Flatten(1), X());
        GradAssert.Passes(x => x[0].Flatten(0, 1), X());
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0, 2)]
    [InlineData(-1, 1)]
    [InlineData(2, 2)]
    public void Transpose(int d0, int d1) => GradAssert.Passes(x => x[0].Transpose(d0, d1), X());

    [Theory]
    [InlineData(2, 0, 1)]
    [InlineData(1, 2, 0)]
    [InlineData(0, 2, 1)]
    public void Permute(int a, int b, int c) => GradAssert.Passes(x => x[0].Permute(a, b, c), X());

    [Fact]
    public void MatrixTranspose() => GradAssert.Passes(x => x[0].T, GradAssert.Normal(1, 3, 5));

    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(1, 1, 2)]
    [InlineData(2, 0, 3)]
    [InlineData(-1, -2, 2)]
    public void Narrow(int dim, int start, int length) => GradAssert.Passes(x => x[0].Narrow(dim, start, length), X());

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void IndexSelectWithRepeatedIndices(int dim) =>
        GradAssert.Passes(x => x[0].IndexSelect(dim, 1, 0, 1, 1, -1), X());

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    public void Concat(int dim)
    {
        // Operands differ in size along dim only.
        int d = dim < 0 ? dim + 3 : dim;
        int[] a = [2, 3, 4];
        int[] b = [2, 3, 4];
        b[d] = 1;
        GradAssert.Passes(x => Tensor.Concat([x[0], x[1], x[0]], dim), GradAssert.Normal(1, a), GradAssert.Normal(2, b));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(-1)]
    public void Stack(int dim) =>
        GradAssert.Passes(x => Tensor.Stack([x[0], x[1], x[0]], dim), GradAssert.Normal(1, 2, 3), GradAssert.Normal(2, 2, 3));

    [Fact]
    public void SqueezeAndUnsqueeze()
    {
        Tensor x = GradAssert.Normal(1, 2, 1, 3, 1);
        GradAssert.Passes(t => t[0].Squeeze(), x);
        GradAssert.Passes(t => t[0].Squeeze(1), x);
        GradAssert.Passes(t => t[0].Squeeze(0), x);
        GradAssert.Passes(t => t[0].Unsqueeze(0), x);
        GradAssert.Passes(t => t[0].Unsqueeze(-1), x);
        GradAssert.Passes(t => t[0].Unsqueeze(2), x);
    }

    [Fact]
    public void Expand()
    {
        GradAssert.Passes(x => x[0].Expand(2, 3, 4), GradAssert.Normal(1, 3, 1));
        GradAssert.Passes(x => x[0].Expand(2, -1, 4), GradAssert.Normal(1, 3, 1));
        GradAssert.Passes(x => x[0].Expand(5, 2), GradAssert.Normal(1));
        GradAssert.Passes(x => x[0].Expand(3, 2, 4), GradAssert.Normal(1, 4));
    }
}
