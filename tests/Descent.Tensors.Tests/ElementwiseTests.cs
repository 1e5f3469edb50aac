namespace Descent.Tensors.Tests;

/// <summary>Forward values and gradients at special points of the element-wise ops, against PyTorch 1.13.</summary>
public class ElementwiseTests
{
    [Fact]
    public void ArithmeticWithBroadcasting()
    {
        Tensor col = Tensor.FromArray([1f, 2f], 2, 1);
        Tensor row = Tensor.FromArray([10f, 20f, 30f]);
        TensorAssert.Equal([2, 3], [11f, 21f, 31f, 12f, 22f, 32f], col + row);
        TensorAssert.Equal([2, 3], [-9f, -19f, -29f, -8f, -18f, -28f], col - row);
        TensorAssert.Equal([2, 3], [10f, 20f, 30f, 20f, 40f, 60f], col * row);
        TensorAssert.Equal([2, 3], [10f, 20f, 30f, 5f, 10f, 15f], row / col);
        TensorAssert.Equal([2, 1], [0.5f, -1f], 2f - col * 1.5f);
        TensorAssert.Equal([2, 1], [2f, 1f], 2f / col);
        TensorAssert.Equal([2, 1], [-1f, -2f], -col);
    }

    [Fact]
    public void PowMatchesPyTorchAtSpecialPoints()
    {
        // torch.tensor([0, 0, -2, 2, 0]).pow(torch.tensor([2, 0, 3, 0.5, -1])) and its gradients.
        Tensor x = Tensor.FromArray([0f, 0f, -2f, 2f, 0f]).RequireGrad();
        Tensor e = Tensor.FromArray([2f, 0f, 3f, 0.5f, -1f]).RequireGrad();
        Tensor y = x.Pow(e);
        y.Sum().Backward();
        Assert.Equal([0f, 1f, -8f, 1.4142135381698608f, float.PositiveInfinity], y.ToArray());
        Assert.Equal([0f, 0f, 12f, 0.3535533845424652f, float.NegativeInfinity], x.Grad!.ToArray());
        float[] de = e.Grad!.ToArray();
        Assert.Equal(0f, de[0]);
        Assert.Equal(0f, de[1]);
        Assert.True(float.IsNaN(de[2]));
        Assert.Equal(0.9802581071853638f, de[3], 1e-7f);
        Assert.Equal(float.NegativeInfinity, de[4]);
    }

    [Fact]
    public void PowNumberMatchesPyTorchAtSpecialPoints()
    {
        Tensor x = Tensor.FromArray([0f, -2f, 2f]).RequireGrad();
        Tensor y = x.Pow(0f);
        y.Sum().Backward();
        Assert.Equal([1f, 1f, 1f], y.ToArray());
        Assert.Equal([0f, 0f, 0f], x.Grad!.ToArray());

        x.Grad = null;
        y = x.Pow(2.5f);
        y.Sum().Backward();
        Assert.Equal(0f, y[0]);
        Assert.True(float.IsNaN(y[1]));
        Assert.Equal(5.656854152679443f, y[2], 1e-6f);
        Assert.Equal(0f, x.Grad!.ToArray()[0]);
        Assert.Equal(7.071067810058594f, x.Grad!.ToArray()[2], 1e-6f);
        Assert.Equal([-8f, 8f], Tensor.FromArray([-2f, 2f]).Pow(3f).ToArray());
    }

    [Fact]
    public void GradientsAtKinksFollowPyTorch()
    {
        // At x = 0: |x| and relu give 0, leaky relu its slope, elu 1 (α·e⁰), as torch's backward formulas do.
        float[] x = [0f, -1f, 2f];
        Assert.Equal([0f, -1f, 1f], GradOf(t => t.Abs(), x));
        Assert.Equal([0f, 0f, 1f], GradOf(t => t.Relu(), x));
        Assert.Equal([0.1f, 0.1f, 1f], GradOf(t => t.LeakyRelu(0.1f), x));
        float[] elu = GradOf(t => t.Elu(), x);
        Assert.Equal(1f, elu[0]);
        Assert.Equal(0.3678794503211975f, elu[1], 1e-7f);
        Assert.Equal([float.PositiveInfinity, 0.25f, 0f], GradOf(t => t.Sqrt(), [0f, 4f, float.PositiveInfinity]));
    }

    [Fact]
    public void MaximumSplitsTiesAndPropagatesNaN()
    {
        Tensor a = Tensor.FromArray([1f, 2f, 2f]).RequireGrad();
        Tensor b = Tensor.FromArray([2f, 2f, 1f]).RequireGrad();
        a.Maximum(b).Sum().Backward();
        Assert.Equal([0f, 0.5f, 1f], a.Grad!.ToArray());
        Assert.Equal([1f, 0.5f, 0f], b.Grad!.ToArray());
        Assert.True(float.IsNaN(Tensor.FromArray([1f, float.NaN]).Maximum(Tensor.Scalar(0f))[1]));
        Assert.True(float.IsNaN(Tensor.Scalar(float.NaN).Minimum(Tensor.FromArray([1f, 2f]))[0]));
        TensorAssert.Equal([3], [1f, 2f, 1f], Tensor.FromArray([1f, 2f, 2f]).Minimum(Tensor.FromArray([2f, 2f, 1f])));
    }

    [Fact]
    public void ActivationValues()
    {
        float[] x = [-2f, -0.5f, 0f, 0.5f, 2f];
        Tensor t = Tensor.FromArray(x);
        Assert.Equal([0f, 0f, 0f, 0.5f, 2f], t.Relu().ToArray());
        Assert.Equal([-0.02f, -0.005f, 0f, 0.5f, 2f], t.LeakyRelu().ToArray());
        float[] sigmoid = t.Sigmoid().ToArray();
        float[] tanh = t.Tanh().ToArray();
        float[] softplus = t.Softplus().ToArray();
        // TensorPrimitives' vectorized sigmoid and tanh are accurate to a few float ulps (6e-8 near 1).
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(1 / (1 + Math.Exp(-x[i])), sigmoid[i], 2.5e-7);
            Assert.Equal(Math.Tanh(x[i]), tanh[i], 2.5e-7);
            Assert.Equal(Math.Log(1 + Math.Exp(x[i])), softplus[i], 1e-7);
        }
        Assert.Equal([-2f, -2f, 3f, -1f], Tensor.FromArray([-2f, -3f, 3f, -1f]).Clamp(min: -2f).ToArray());
    }

    [Fact]
    public void ComparisonsGiveMasks()
    {
        Tensor x = Tensor.FromArray([1f, 2f, 3f, float.NaN]);
        Assert.Equal([0f, 0f, 1f, 0f], x.Gt(2f).ToArray());
        Assert.Equal([0f, 1f, 1f, 0f], x.Ge(2f).ToArray());
        Assert.Equal([1f, 0f, 0f, 0f], x.Lt(2f).ToArray());
        Assert.Equal([1f, 1f, 0f, 0f], x.Le(2f).ToArray());
        Assert.Equal([0f, 1f, 0f, 0f], x.Eq(2f).ToArray());
        // NaN compares unequal to everything, itself included.
        Assert.Equal([1f, 0f, 1f, 1f], x.Ne(2f).ToArray());
        Assert.Equal([1f, 1f, 1f, 0f], x.Eq(x).ToArray());
        TensorAssert.Equal([2, 2], [0f, 1f, 0f, 0f], Tensor.FromArray([1f, 2f]).Gt(Tensor.FromArray([1f, 3f], 2, 1)));
        Assert.False(x.Gt(0f).RequiresGrad);
    }

    [Fact]
    public void Sign()
    {
        Assert.Equal([-1f, 0f, 0f, 1f], Tensor.FromArray([-3f, -0f, 0f, 2f]).Sign().ToArray());
        Assert.True(float.IsNaN(Tensor.FromArray([float.NaN]).Sign()[0]));
    }

    [Theory]
    [InlineData("Add", "AddBackward0")]
    [InlineData("Sub", "SubBackward0")]
    [InlineData("Rsub", "RsubBackward1")]
    [InlineData("Mul", "MulBackward0")]
    [InlineData("Div", "DivBackward0")]
    [InlineData("Neg", "NegBackward0")]
    [InlineData("Pow", "PowBackward0")]
    [InlineData("PowTensor", "PowBackward1")]
    [InlineData("Square", "PowBackward0")]
    [InlineData("Exp", "ExpBackward0")]
    [InlineData("Log", "LogBackward0")]
    [InlineData("Sigmoid", "SigmoidBackward0")]
    [InlineData("Relu", "ReluBackward0")]
    [InlineData("Mean", "MeanBackward0")]
    [InlineData("MeanDim", "MeanBackward1")]
    [InlineData("Sum", "SumBackward0")]
    [InlineData("SumDim", "SumBackward1")]
    [InlineData("SumDims", "SumBackward1")]
    [InlineData("Var", "VarBackward0")]
    [InlineData("Std", "StdBackward0")]
    [InlineData("Max", "MaxBackward1")]
    [InlineData("MaxDim", "MaxBackward0")]
    [InlineData("Transpose", "TransposeBackward0")]
    [InlineData("T", "PermuteBackward0")]
    [InlineData("Narrow", "SliceBackward0")]
    [InlineData("IndexSelect", "IndexSelectBackward0")]
    [InlineData("Stack", "StackBackward0")]
    [InlineData("Concat", "CatBackward0")]
    [InlineData("Squeeze", "SqueezeBackward0")]
    [InlineData("SqueezeDim", "SqueezeBackward1")]
    [InlineData("Unsqueeze", "UnsqueezeBackward0")]
    [InlineData("Reshape", "ReshapeAliasBackward0")]
    [InlineData("Expand", "ExpandBackward0")]
    [InlineData("Dot", "DotBackward0")]
    [InlineData("Mv", "MvBackward0")]
    [InlineData("Mm", "MmBackward0")]
    [InlineData("Linear", "AddmmBackward0")]
    [InlineData("LinearNoBias", "MmBackward0")]
    public void GradFnNamesAreThoseOfPyTorch(string op, string expected)
    {
        // Names printed by PyTorch 1.13 for the same call on a [2,3] (or [3]) tensor that requires grad.
        Tensor x = Tensor.Ones(2, 3).RequireGrad();
        Tensor v = Tensor.Ones(3).RequireGrad();
        Tensor y = op switch
        {
            "Add" => x + 1f,
            "Sub" => x - 1f,
            "Rsub" => 1f - x,
            "Mul" => x * 2f,
            "Div" => x / 2f,
            "Neg" => -x,
            "Pow" => x.Pow(3f),
            "PowTensor" => x.Pow(v),
            "Square" => x.Square(),
            "Exp" => x.Exp(),
            "Log" => x.Log(),
            "Sigmoid" => x.Sigmoid(),
            "Relu" => x.Relu(),
            "Mean" => x.Mean(),
            "MeanDim" => x.Mean(1),
            "Sum" => x.Sum(),
            "SumDim" => x.Sum(1),
            "SumDims" => x.Sum([0, 1]),
            "Var" => x.Var(),
            "Std" => x.Std(1),
            "Max" => x.Max(),
            "MaxDim" => x.Max(1),
            "Transpose" => x.Transpose(0, 1),
            "T" => x.T,
            "Narrow" => x.Narrow(1, 0, 2),
            "IndexSelect" => x.IndexSelect(1, 0, 0),
            "Stack" => Tensor.Stack([x, x]),
            "Concat" => Tensor.Concat([x, x]),
            "Squeeze" => x.Unsqueeze(0).Squeeze(),
            "SqueezeDim" => x.Unsqueeze(0).Squeeze(0),
            "Unsqueeze" => x.Unsqueeze(0),
            "Reshape" => x.Reshape(3, 2),
            "Expand" => v.Expand(2, 3),
            "Dot" => v.MatMul(v),
            "Mv" => x.MatMul(v),
            "Mm" => x.MatMul(x.T),
            "Linear" => Tensor.Linear(x, x, Tensor.Ones(2)),
            "LinearNoBias" => Tensor.Linear(x, x),
            _ => throw new ArgumentOutOfRangeException(nameof(op)),
        };
        Assert.Equal(expected, y.GradFn!.Name);
    }

    private static float[] GradOf(Func<Tensor, Tensor> f, float[] values)
    {
        Tensor x = Tensor.FromArray(values).RequireGrad();
        f(x).Sum().Backward();
        return x.Grad!.ToArray();
    }
}
