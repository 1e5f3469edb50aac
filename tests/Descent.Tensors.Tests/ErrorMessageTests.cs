namespace Descent.Tensors.Tests;

/// <summary>Bad input fails at once, with a message that names the offending shapes, values and valid ranges.</summary>
public class ErrorMessageTests
{
    [Fact]
    public void MatMulShapeMismatchShowsBothShapes()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.Zeros(32, 57).MatMul(Tensor.Zeros(58, 100)));
        Assert.Contains("MatMul: [32,57] × [58,100]", error.Message);
    }

    [Theory]
    [InlineData(new[] { 3 }, new[] { 4 }, "MatMul: [3] × [4]")]
    [InlineData(new[] { 3 }, new[] { 4, 5 }, "MatMul: [3] × [4,5]")]
    [InlineData(new[] { 4, 5 }, new[] { 4 }, "MatMul: [4,5] × [4]")]
    [InlineData(new[] { 2, 3, 4 }, new[] { 3, 4, 5 }, "MatMul: [2,3,4] × [3,4,5]")]
    [InlineData(new[] { 2, 3, 4 }, new[] { 5, 6 }, "MatMul: [2,3,4] × [5,6]")]
    [InlineData(new[] { 1, 2, 3, 4 }, new[] { 4, 5 }, "MatMul: [1,2,3,4] × [4,5]")]
    public void MatMulErrorsShowTheCallersShapes(int[] a, int[] b, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.Zeros(a).MatMul(Tensor.Zeros(b)));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void MatMulOfAScalarIsRefused() =>
        Assert.Contains("[] × [3]", Assert.Throws<ArgumentException>(() => Tensor.Scalar(1f).MatMul(Tensor.Zeros(3))).Message);

    [Fact]
    public void LinearShapeMismatchShowsBothShapes()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.Linear(Tensor.Zeros(8, 5), Tensor.Zeros(3, 4)));
        Assert.Contains("[8,5]", error.Message);
        Assert.Contains("[3,4]", error.Message);
        Assert.Contains("[7]", Assert.Throws<ArgumentException>(() => Tensor.Linear(Tensor.Zeros(8, 4), Tensor.Zeros(3, 4), Tensor.Zeros(7))).Message);
    }

    [Fact]
    public void BroadcastFailuresNameBothShapes()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3) + Tensor.Zeros(4));
        Assert.Contains("[2,3]", error.Message);
        Assert.Contains("[4]", error.Message);
        Assert.Contains("Add", error.Message);
        Assert.Contains("[3,1,4]", Assert.Throws<ArgumentException>(() => Tensor.Zeros(3, 1, 4) * Tensor.Zeros(2, 3)).Message);
        Assert.Contains("[5]", Assert.Throws<ArgumentException>(() => Tensor.Zeros(2).Maximum(Tensor.Zeros(5))).Message);
        Assert.Contains("Where", Assert.Throws<ArgumentException>(() => Tensor.Where(Tensor.Zeros(2), Tensor.Zeros(3), Tensor.Zeros(2))).Message);
    }

    [Fact]
    public void OutOfRangeDimsNameTheValueAndTheRange()
    {
        Tensor x = Tensor.Zeros(2, 3);
        foreach (Action bad in new Action[]
        {
            () => x.Sum(2), () => x.Mean(-3), () => x.Max(2), () => x.Softmax(5), () => x.LogSoftmax(-3),
            () => x.Transpose(0, 2), () => x.Var(2), () => x.Size(2), () => x.Squeeze(2), () => x.Narrow(2, 0, 1),
            () => x.IndexSelect(2, 0), () => Tensor.Concat([x, x], 2), () => x.Flatten(2), () => x.Sum([0, 2]),
        })
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(bad);
            Assert.Contains("[-2, 1]", error.Message);
        }
        Assert.Contains("but got 3", Assert.Throws<ArgumentOutOfRangeException>(() => x.Unsqueeze(3)).Message);
        Assert.Contains("[-3, 2]", Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Stack([x, x], -4)).Message);
        Assert.Contains("got 7", Assert.Throws<ArgumentOutOfRangeException>(() => x.Sum(7)).Message);
    }

    [Fact]
    public void ScalarsAcceptOnlyDimsMinusOneAndZero()
    {
        Tensor s = Tensor.Scalar(2f);
        Assert.Equal(2f, s.Sum(0).Item());
        Assert.Equal(2f, s.Sum(-1).Item());
        Assert.Contains("[-1, 0]", Assert.Throws<ArgumentOutOfRangeException>(() => s.Sum(1)).Message);
        Assert.Contains("0-D", Assert.Throws<ArgumentOutOfRangeException>(() => s.Size(0)).Message);
        Assert.Contains("0-D", Assert.Throws<ArgumentException>(() => s.Narrow(0, 0, 1)).Message);
    }

    [Fact]
    public void OutOfRangeIndicesNameTheValueAndTheRange()
    {
        Tensor x = Tensor.Zeros(2, 3);
        var select = Assert.Throws<ArgumentOutOfRangeException>(() => x.IndexSelect(1, 0, 3));
        Assert.Contains("index 3", select.Message);
        Assert.Contains("[-3, 2]", select.Message);
        Assert.Contains("[-2, 1]", Assert.Throws<ArgumentOutOfRangeException>(() => x.IndexSelect(0, -3)).Message);

        var start = Assert.Throws<ArgumentOutOfRangeException>(() => x.Narrow(1, 4, 0));
        Assert.Contains("start 4", start.Message);
        Assert.Contains("[-3, 3]", start.Message);
        var length = Assert.Throws<ArgumentOutOfRangeException>(() => x.Narrow(1, 1, 3));
        Assert.Contains("length 3", length.Message);
        Assert.Contains("[0, 2]", length.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Narrow(1, 0, -1));

        var index = Assert.Throws<ArgumentOutOfRangeException>(() => x[1, 3]);
        Assert.Contains("Index 3", index.Message);
        Assert.Contains("[-3, 2]", index.Message);
        Assert.Contains("Expected 2 indices", Assert.Throws<ArgumentException>(() => x[1]).Message);
    }

    [Fact]
    public void ReshapeToAWrongSizeNamesBothShapes()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).Reshape(4, 2));
        Assert.Contains("[4,2]", error.Message);
        Assert.Contains("[2,3]", error.Message);
        Assert.Contains("[4,-1]", Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).Reshape(4, -1)).Message);
        Assert.Contains("only one", Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).Reshape(-1, -1)).Message);
        Assert.Contains("-2", Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).Reshape(-2, -3)).Message);
    }

    [Fact]
    public void ItemOnAMultiElementTensorNamesTheShape()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Tensor.Zeros(2, 2).Item());
        Assert.Contains("[2,2]", error.Message);
        Assert.Contains("4 elements", error.Message);
        Assert.Throws<InvalidOperationException>(() => Tensor.Zeros(0).Item());
        Assert.Equal(0f, Tensor.Zeros(1, 1).Item());
    }

    [Fact]
    public void ExpandErrors()
    {
        Assert.Contains("[2,3]", Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).Expand(2, 4)).Message);
        Assert.Contains("fewer dims", Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).Expand(3)).Message);
        // −1 can only keep an existing size, and sizes cannot be negative.
        Assert.Contains("-1", Assert.Throws<ArgumentException>(() => Tensor.Zeros(3).Expand(-1, 3)).Message);
        Assert.Contains("-2", Assert.Throws<ArgumentException>(() => Tensor.Zeros(1).Expand(-2)).Message);
    }

    [Fact]
    public void JoinErrors()
    {
        var concat = Assert.Throws<ArgumentException>(() => Tensor.Concat([Tensor.Zeros(2, 3), Tensor.Zeros(3, 3)], 1));
        Assert.Contains("[3,3]", concat.Message);
        Assert.Contains("[2,3]", concat.Message);
        Assert.Throws<ArgumentException>(() => Tensor.Concat([], 0));
        Assert.Throws<ArgumentException>(() => Tensor.Concat([Tensor.Scalar(1f)], 0));
        var stack = Assert.Throws<ArgumentException>(() => Tensor.Stack([Tensor.Zeros(2), Tensor.Zeros(3)]));
        Assert.Contains("[2]", stack.Message);
        Assert.Contains("[3]", stack.Message);
    }

    [Fact]
    public void OtherShapeErrors()
    {
        Tensor x = Tensor.Zeros(2, 3, 4);
        Assert.Contains("appears twice", Assert.Throws<ArgumentException>(() => x.Permute(0, 0, 1)).Message);
        Assert.Contains("[2,3,4]", Assert.Throws<ArgumentException>(() => x.Permute(0, 1)).Message);
        Assert.Contains("[2,3,4]", Assert.Throws<InvalidOperationException>(() => x.T).Message);
        Assert.Contains("more than once", Assert.Throws<ArgumentException>(() => x.Sum([1, -2])).Message);
        Assert.Throws<ArgumentException>(() => x.Flatten(2, 1));
        Assert.Throws<ArgumentException>(() => Tensor.Ones(2).Clamp());
        Assert.Throws<ArgumentException>(() => Tensor.Zeros(-1));
    }

    [Fact]
    public void ReductionsOfEmptyTensorsWithoutIdentity()
    {
        Assert.Throws<InvalidOperationException>(() => Tensor.Zeros(0).Max());
        Assert.Throws<InvalidOperationException>(() => Tensor.Zeros(2, 0).Min(1));
        Assert.Throws<InvalidOperationException>(() => Tensor.Zeros(0).ArgMax());
        // Sums have an identity.
        Assert.Equal(0f, Tensor.Zeros(0).Sum().Item());
        Assert.True(float.IsNaN(Tensor.Zeros(0).Mean().Item()));
    }
}
