namespace Descent.Tensors.Tests;

/// <summary>GradCheck for every element-wise op, with broadcast operands for every binary op.</summary>
public class ElementwiseGradTests
{
    /// <summary>Operand shape pairs: equal, scalar on either side, and broadcasting both ways.</summary>
    public static TheoryData<int[], int[]> ShapePairs => new()
    {
        { [2, 3], [2, 3] },
        { [2, 3], [] },
        { [], [2, 3] },
        { [3, 1, 4], [2, 1] },
        { [3, 1, 4], [4] },
        { [2, 1], [3, 1, 4] },
        { [3, 1], [1, 4] },
    };

    [Theory]
    [MemberData(nameof(ShapePairs))]
    public void Add(int[] a, int[] b) =>
        GradAssert.Passes(x => x[0] + x[1], GradAssert.Normal(1, a), GradAssert.Normal(2, b));

    [Theory]
    [MemberData(nameof(ShapePairs))]
    public void Subtract(int[] a, int[] b) =>
        GradAssert.Passes(x => x[0] - x[1], GradAssert.Normal(1, a), GradAssert.Normal(2, b));

    [Theory]
    [MemberData(nameof(ShapePairs))]
    public void Multiply(int[] a, int[] b) =>
        GradAssert.Passes(x => x[0] * x[1], GradAssert.Normal(1, a), GradAssert.Normal(2, b));

    [Theory]
    [MemberData(nameof(ShapePairs))]
    public void Divide(int[] a, int[] b) =>
        GradAssert.Passes(x => x[0] / x[1], GradAssert.Normal(1, a), GradAssert.AwayFromZero(2, b));

    [Theory]
    [MemberData(nameof(ShapePairs))]
    public void PowTensorExponent(int[] a, int[] b) =>
        GradAssert.Passes(x => x[0].Pow(x[1]), GradAssert.Uniform(0.5f, 2f, 1, a), GradAssert.Uniform(-1.5f, 1.5f, 2, b));

    [Theory]
    [MemberData(nameof(ShapePairs))]
    public void Maximum(int[] a, int[] b) =>
        GradAssert.Passes(x => x[0].Maximum(x[1]), GradAssert.Grid(0.1f, 1, a), GradAssert.Grid(0.25f, 2, b));

    [Theory]
    [MemberData(nameof(ShapePairs))]
    public void Minimum(int[] a, int[] b) =>
        GradAssert.Passes(x => x[0].Minimum(x[1]), GradAssert.Grid(0.1f, 1, a), GradAssert.Grid(0.25f, 2, b));

    [Theory]
    [MemberData(nameof(ShapePairs))]
    public void Where(int[] a, int[] b)
    {
        // An alternating 1, 0, 1, … mask over the last dimension, broadcast against both branches.
        int[] shape = (Tensor.Zeros(a) + Tensor.Zeros(b)).Dims();
        int last = shape.Length == 0 ? 1 : shape[^1];
        Tensor condition = Tensor.FromArray(Enumerable.Range(0, last).Select(i => i % 2 == 0 ? 1f : 0f).ToArray());
        GradAssert.Passes(x => Tensor.Where(condition, x[0], x[1]), GradAssert.Normal(1, a), GradAssert.Normal(2, b));
    }

    [Fact]
    public void ScalarForms()
    {
        Tensor x = GradAssert.AwayFromZero(7, 2, 3);
        GradAssert.Passes(t => t[0] + 2.5f, x);
        GradAssert.Passes(t => 2.5f + t[0], x);
        GradAssert.Passes(t => t[0] - 2.5f, x);
        GradAssert.Passes(t => 2.5f - t[0], x);
        GradAssert.Passes(t => t[0] * 2.5f, x);
        GradAssert.Passes(t => 2.5f * t[0], x);
        GradAssert.Passes(t => t[0] / 2.5f, x);
        GradAssert.Passes(t => 2.5f / t[0], x);
        GradAssert.Passes(t => -t[0], x);
    }

    [Theory]
    [InlineData(2f)]
    [InlineData(3f)]
    [InlineData(0.5f)]
    [InlineData(-1.5f)]
    [InlineData(0f)]
    public void PowNumberExponent(float exponent) =>
        GradAssert.Passes(x => x[0].Pow(exponent), GradAssert.Uniform(0.5f, 2f, 3, 2, 3));

    [Theory]
    [InlineData(2f)]
    [InlineData(3f)]
    public void PowIntegerExponentOfNegativeBase(float exponent) =>
        GradAssert.Passes(x => x[0].Pow(exponent), GradAssert.AwayFromZero(3, 2, 3));

    public static TheoryData<string> UnaryOps => new(Unary.Keys);

    private static readonly Dictionary<string, (Func<Tensor, Tensor> Op, Func<Tensor> Input)> Unary = new()
    {
        ["Neg"] = (x => x.Neg(), () => GradAssert.Normal(1, 3, 4)),
        ["Abs"] = (x => x.Abs(), () => GradAssert.AwayFromZero(1, 3, 4)),
        ["Exp"] = (x => x.Exp(), () => GradAssert.Normal(1, 3, 4)),
        ["Log"] = (x => x.Log(), () => GradAssert.Uniform(0.5f, 3f, 1, 3, 4)),
        ["Sqrt"] = (x => x.Sqrt(), () => GradAssert.Uniform(0.5f, 3f, 1, 3, 4)),
        ["Square"] = (x => x.Square(), () => GradAssert.Normal(1, 3, 4)),
        ["Sigmoid"] = (x => x.Sigmoid(), () => GradAssert.Normal(1, 3, 4)),
        ["Tanh"] = (x => x.Tanh(), () => GradAssert.Normal(1, 3, 4)),
        ["Relu"] = (x => x.Relu(), () => GradAssert.AwayFromZero(1, 3, 4)),
        ["LeakyRelu"] = (x => x.LeakyRelu(), () => GradAssert.AwayFromZero(1, 3, 4)),
        ["LeakyRelu(0.2)"] = (x => x.LeakyRelu(0.2f), () => GradAssert.AwayFromZero(2, 3, 4)),
        ["Elu"] = (x => x.Elu(), () => GradAssert.AwayFromZero(1, 3, 4)),
        ["Elu(0.5)"] = (x => x.Elu(0.5f), () => GradAssert.AwayFromZero(2, 3, 4)),
        ["Gelu"] = (x => x.Gelu(), () => GradAssert.Uniform(-3f, 3f, 1, 3, 4)),
        ["Softplus"] = (x => x.Softplus(), () => GradAssert.Uniform(-3f, 3f, 1, 3, 4)),
        // β·x above the threshold takes the linear branch: half the inputs on each side of 1 / β = 0.5.
        ["Softplus(β=2, threshold=1)"] = (x => x.Softplus(2f, 1f), () => GradAssert.Grid(0.05f, 1, 3, 4)),
        ["Softplus linear regime"] = (x => x.Softplus(), () => GradAssert.Uniform(21f, 22f, 1, 3, 4)),
        ["Clone"] = (x => x.Clone(), () => GradAssert.Normal(1, 3, 4)),
        ["Clamp"] = (x => x.Clamp(-0.45f, 0.55f), () => GradAssert.Grid(0.1f, 1, 3, 4)),
        ["Clamp min only"] = (x => x.Clamp(min: -0.45f), () => GradAssert.Grid(0.1f, 1, 3, 4)),
        ["Clamp max only"] = (x => x.Clamp(max: 0.55f), () => GradAssert.Grid(0.1f, 1, 3, 4)),
        ["Log1p"] = (x => x.Log1p(), () => GradAssert.Uniform(-0.5f, 3f, 1, 3, 4)),
    };

    [Theory]
    [MemberData(nameof(UnaryOps))]
    public void UnaryOp(string name)
    {
        (Func<Tensor, Tensor> op, Func<Tensor> input) = Unary[name];
        GradAssert.Passes(x => op(x[0]), input());
    }

    [Fact]
    public void GradCheckCatchesAWrongGradient()
    {
        // x · detach(x) has the value x² but autograd sees only one factor: the check must fail.
        GradCheckResult result = GradCheck.Run(x => x[0] * x[0].Detach(), [GradAssert.Uniform(0.5f, 2f, 1, 4)]);
        Assert.False(result.Passed);
        Assert.Contains("input 0", result.Worst);
    }

    [Fact]
    public void ComposedExpression() =>
        GradAssert.Passes(x => (x[0] * x[1]).Tanh().Sum(1).Exp() / (x[1].Square().Sum() + 1f),
            GradAssert.Normal(1, 3, 4), GradAssert.Normal(2, 4));
}
