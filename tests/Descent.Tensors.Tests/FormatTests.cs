using System.Text.Json;

namespace Descent.Tensors.Tests;

/// <summary>
/// ToString against PyTorch 1.13: every expected string below is <c>str(t)</c> printed by Debian's
/// python3-torch for the same tensor.
/// </summary>
public class FormatTests
{
    public static TheoryData<string> Names => new(Cases.Keys);

    private static readonly Dictionary<string, (Func<Tensor> Make, string Expected)> Cases = new()
    {
        ["Tensor.FromArray([0.1f, -1.2f, 3f, 4f], 2, 2)"] = (() => Tensor.FromArray([0.1f, -1.2f, 3f, 4f], 2, 2),
            """
            tensor([[ 0.1000, -1.2000],
                    [ 3.0000,  4.0000]])
            """),
        ["Tensor.FromArray([1f, 2f, 3f])"] = (() => Tensor.FromArray([1f, 2f, 3f]), "tensor([1., 2., 3.])"),
        ["Tensor.FromArray([-1f, 20f, 3f])"] = (() => Tensor.FromArray([-1f, 20f, 3f]), "tensor([-1., 20.,  3.])"),
        ["Tensor.FromArray([1e5f, 1f])"] = (() => Tensor.FromArray([1e5f, 1f]), "tensor([1.0000e+05, 1.0000e+00])"),
        ["Tensor.FromArray([1e5f, 1.5f])"] = (() => Tensor.FromArray([1e5f, 1.5f]), "tensor([1.0000e+05, 1.5000e+00])"),
        ["Tensor.FromArray([1e-5f, 1f])"] = (() => Tensor.FromArray([1e-5f, 1f]), "tensor([1.0000e-05, 1.0000e+00])"),
        ["Tensor.FromArray([-1e10f, 3f])"] = (() => Tensor.FromArray([-1e10f, 3f]), "tensor([-1.0000e+10,  3.0000e+00])"),
        ["Tensor.FromArray([123456789f])"] = (() => Tensor.FromArray([123456789f]), "tensor([1.2346e+08])"),
        ["Tensor.FromArray([1e8f])"] = (() => Tensor.FromArray([1e8f]), "tensor([100000000.])"),
        ["Tensor.FromArray([9.99995e-5f, 1f])"] = (() => Tensor.FromArray([9.99995e-5f, 1f]), "tensor([1.0000e-04, 1.0000e+00])"),
        ["Tensor.FromArray([0.03125f, 1.03125f])"] = (() => Tensor.FromArray([0.03125f, 1.03125f]), "tensor([0.0312, 1.0312])"),
        ["Tensor.FromArray([float.NaN, 1f])"] = (() => Tensor.FromArray([float.NaN, 1f]), "tensor([nan, 1.])"),
        ["Tensor.FromArray([float.PositiveInfinity, float.NegativeInfinity, 2.5f])"] = (() => Tensor.FromArray([float.PositiveInfinity, float.NegativeInfinity, 2.5f]), "tensor([   inf,   -inf, 2.5000])"),
        ["Tensor.FromArray([1e-5f, 1e5f, float.NaN])"] = (() => Tensor.FromArray([1e-5f, 1e5f, float.NaN]), "tensor([1.0000e-05, 1.0000e+05,        nan])"),
        ["Tensor.FromArray([float.NaN])"] = (() => Tensor.FromArray([float.NaN]), "tensor([nan])"),
        ["Tensor.FromArray([float.NegativeInfinity, 0f])"] = (() => Tensor.FromArray([float.NegativeInfinity, 0f]), "tensor([-inf, 0.])"),
        ["Tensor.Scalar(3.5f)"] = (() => Tensor.Scalar(3.5f), "tensor(3.5000)"),
        ["Tensor.Scalar(-3.5f)"] = (() => Tensor.Scalar(-3.5f), "tensor(-3.5000)"),
        ["Tensor.Scalar(3f)"] = (() => Tensor.Scalar(3f), "tensor(3.)"),
        ["Tensor.Scalar(0f)"] = (() => Tensor.Scalar(0f), "tensor(0.)"),
        ["Tensor.Scalar(-0f)"] = (() => Tensor.Scalar(-0f), "tensor(-0.)"),
        ["Tensor.Scalar(1e-10f)"] = (() => Tensor.Scalar(1e-10f), "tensor(1.0000e-10)"),
        ["Tensor.Scalar(float.NaN)"] = (() => Tensor.Scalar(float.NaN), "tensor(nan)"),
        ["Tensor.FromArray([])"] = (() => Tensor.FromArray([]), "tensor([])"),
        ["Tensor.Zeros(0, 3)"] = (() => Tensor.Zeros(0, 3), "tensor([], size=(0, 3))"),
        ["Tensor.Zeros(2, 0, 3)"] = (() => Tensor.Zeros(2, 0, 3), "tensor([], size=(2, 0, 3))"),
        ["Tensor.FromArray([-0f, 1.5f])"] = (() => Tensor.FromArray([-0f, 1.5f]), "tensor([-0.0000, 1.5000])"),
        ["Tensor.FromArray([-0f])"] = (() => Tensor.FromArray([-0f]), "tensor([-0.])"),
        ["Tensor.Zeros(2)"] = (() => Tensor.Zeros(2), "tensor([0., 0.])"),
        ["Tensor.Arange(30)"] = (() => Tensor.Arange(30),
            """
            tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13.,
                    14., 15., 16., 17., 18., 19., 20., 21., 22., 23., 24., 25., 26., 27.,
                    28., 29.])
            """),
        ["Tensor.Arange(1001)"] = (() => Tensor.Arange(1001), "tensor([   0.,    1.,    2.,  ...,  998.,  999., 1000.])"),
        ["Tensor.Arange(2000).Reshape(2, 1000)"] = (() => Tensor.Arange(2000).Reshape(2, 1000),
            """
            tensor([[0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 9.9700e+02, 9.9800e+02,
                     9.9900e+02],
                    [1.0000e+03, 1.0010e+03, 1.0020e+03,  ..., 1.9970e+03, 1.9980e+03,
                     1.9990e+03]])
            """),
        ["Tensor.Arange(4000).Reshape(1000, 4)"] = (() => Tensor.Arange(4000).Reshape(1000, 4),
            """
            tensor([[0.0000e+00, 1.0000e+00, 2.0000e+00, 3.0000e+00],
                    [4.0000e+00, 5.0000e+00, 6.0000e+00, 7.0000e+00],
                    [8.0000e+00, 9.0000e+00, 1.0000e+01, 1.1000e+01],
                    ...,
                    [3.9880e+03, 3.9890e+03, 3.9900e+03, 3.9910e+03],
                    [3.9920e+03, 3.9930e+03, 3.9940e+03, 3.9950e+03],
                    [3.9960e+03, 3.9970e+03, 3.9980e+03, 3.9990e+03]])
            """),
        ["Tensor.Arange(1008).Reshape(8, 2, 63) / 8f"] = (() => Tensor.Arange(1008).Reshape(8, 2, 63) / 8f,
            """
            tensor([[[0.0000e+00, 1.2500e-01, 2.5000e-01,  ..., 7.5000e+00,
                      7.6250e+00, 7.7500e+00],
                     [7.8750e+00, 8.0000e+00, 8.1250e+00,  ..., 1.5375e+01,
                      1.5500e+01, 1.5625e+01]],

                    [[1.5750e+01, 1.5875e+01, 1.6000e+01,  ..., 2.3250e+01,
                      2.3375e+01, 2.3500e+01],
                     [2.3625e+01, 2.3750e+01, 2.3875e+01,  ..., 3.1125e+01,
                      3.1250e+01, 3.1375e+01]],

                    [[3.1500e+01, 3.1625e+01, 3.1750e+01,  ..., 3.9000e+01,
                      3.9125e+01, 3.9250e+01],
                     [3.9375e+01, 3.9500e+01, 3.9625e+01,  ..., 4.6875e+01,
                      4.7000e+01, 4.7125e+01]],

                    ...,

                    [[7.8750e+01, 7.8875e+01, 7.9000e+01,  ..., 8.6250e+01,
                      8.6375e+01, 8.6500e+01],
                     [8.6625e+01, 8.6750e+01, 8.6875e+01,  ..., 9.4125e+01,
                      9.4250e+01, 9.4375e+01]],

                    [[9.4500e+01, 9.4625e+01, 9.4750e+01,  ..., 1.0200e+02,
                      1.0212e+02, 1.0225e+02],
                     [1.0238e+02, 1.0250e+02, 1.0262e+02,  ..., 1.0988e+02,
                      1.1000e+02, 1.1012e+02]],

                    [[1.1025e+02, 1.1038e+02, 1.1050e+02,  ..., 1.1775e+02,
                      1.1788e+02, 1.1800e+02],
                     [1.1812e+02, 1.1825e+02, 1.1838e+02,  ..., 1.2562e+02,
                      1.2575e+02, 1.2588e+02]]])
            """),
        ["Tensor.Ones(2, 3, 4)"] = (() => Tensor.Ones(2, 3, 4),
            """
            tensor([[[1., 1., 1., 1.],
                     [1., 1., 1., 1.],
                     [1., 1., 1., 1.]],

                    [[1., 1., 1., 1.],
                     [1., 1., 1., 1.],
                     [1., 1., 1., 1.]]])
            """),
        ["Tensor.Ones(2, 1, 2, 2)"] = (() => Tensor.Ones(2, 1, 2, 2),
            """
            tensor([[[[1., 1.],
                      [1., 1.]]],


                    [[[1., 1.],
                      [1., 1.]]]])
            """),
        ["Tensor.Arange(20) * 1.5f + 1000.25f"] = (() => Tensor.Arange(20) * 1.5f + 1000.25f,
            """
            tensor([1000.2500, 1001.7500, 1003.2500, 1004.7500, 1006.2500, 1007.7500,
                    1009.2500, 1010.7500, 1012.2500, 1013.7500, 1015.2500, 1016.7500,
                    1018.2500, 1019.7500, 1021.2500, 1022.7500, 1024.2500, 1025.7500,
                    1027.2500, 1028.7500])
            """),
        ["Tensor.Arange(1, 10).Exp()"] = (() => Tensor.Arange(1, 10).Exp(),
            """
            tensor([2.7183e+00, 7.3891e+00, 2.0086e+01, 5.4598e+01, 1.4841e+02, 4.0343e+02,
                    1.0966e+03, 2.9810e+03, 8.1031e+03])
            """),
        ["Tensor.FromArray([1f, 2f, 3f, 4f], 2, 2).RequireGrad()"] = (() => Tensor.FromArray([1f, 2f, 3f, 4f], 2, 2).RequireGrad(),
            """
            tensor([[1., 2.],
                    [3., 4.]], requires_grad=True)
            """),
        ["Tensor.FromArray([1f, 2f]).RequireGrad() * 2f"] = (() => Tensor.FromArray([1f, 2f]).RequireGrad() * 2f, "tensor([2., 4.], grad_fn=<MulBackward0>)"),
        ["Tensor.Scalar(2f).RequireGrad() * 2f"] = (() => Tensor.Scalar(2f).RequireGrad() * 2f, "tensor(4., grad_fn=<MulBackward0>)"),
        ["Tensor.FromArray([]).RequireGrad()"] = (() => Tensor.FromArray([]).RequireGrad(), "tensor([], requires_grad=True)"),
        ["Tensor.Arange(40).RequireGrad()"] = (() => Tensor.Arange(40).RequireGrad(),
            """
            tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13.,
                    14., 15., 16., 17., 18., 19., 20., 21., 22., 23., 24., 25., 26., 27.,
                    28., 29., 30., 31., 32., 33., 34., 35., 36., 37., 38., 39.],
                   requires_grad=True)
            """),
        ["Tensor.Arange(24).RequireGrad()"] = (() => Tensor.Arange(24).RequireGrad(),
            """
            tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13.,
                    14., 15., 16., 17., 18., 19., 20., 21., 22., 23.], requires_grad=True)
            """),
        ["(Tensor.Arange(24) / 3f).Reshape(2, 3, 4).RequireGrad() * 1f"] = (() => (Tensor.Arange(24) / 3f).Reshape(2, 3, 4).RequireGrad() * 1f,
            """
            tensor([[[0.0000, 0.3333, 0.6667, 1.0000],
                     [1.3333, 1.6667, 2.0000, 2.3333],
                     [2.6667, 3.0000, 3.3333, 3.6667]],

                    [[4.0000, 4.3333, 4.6667, 5.0000],
                     [5.3333, 5.6667, 6.0000, 6.3333],
                     [6.6667, 7.0000, 7.3333, 7.6667]]], grad_fn=<MulBackward0>)
            """),
        ["Tensor.Linspace(-1, 1, 17).RequireGrad().Exp()"] = (() => Tensor.Linspace(-1, 1, 17).RequireGrad().Exp(),
            """
            tensor([0.3679, 0.4169, 0.4724, 0.5353, 0.6065, 0.6873, 0.7788, 0.8825, 1.0000,
                    1.1331, 1.2840, 1.4550, 1.6487, 1.8682, 2.1170, 2.3989, 2.7183],
                   grad_fn=<ExpBackward0>)
            """),
        ["Tensor.FromArray([0.1f, 0.25f, 100f])"] = (() => Tensor.FromArray([0.1f, 0.25f, 100f]), "tensor([  0.1000,   0.2500, 100.0000])"),
        ["Tensor.FromArray([0.001f, 0.5f])"] = (() => Tensor.FromArray([0.001f, 0.5f]), "tensor([0.0010, 0.5000])"),
        ["Tensor.FromArray([-123.456f, 7f])"] = (() => Tensor.FromArray([-123.456f, 7f]), "tensor([-123.4560,    7.0000])"),
        ["Tensor.FromArray([3e38f, -1e-38f])"] = (() => Tensor.FromArray([3e38f, -1e-38f]), "tensor([ 3.0000e+38, -1.0000e-38])"),
        ["Tensor.FromArray([1e-45f, 1f])"] = (() => Tensor.FromArray([1e-45f, 1f]), "tensor([1.4013e-45, 1.0000e+00])"),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void PrintsLikePyTorch(string name)
    {
        (Func<Tensor> make, string expected) = Cases[name];
        Assert.Equal(expected.ReplaceLineEndings("\n"), make().ToString());
    }

    [Fact]
    public void PrintsLikePyTorchForTheFixture()
    {
        // tests/Fixtures/tensor_format.json, from tools/reference/tensor_format.py: 164 tensors over every notation,
        // special values, wrapping and summarization, with the float32 bits of their values.
        using JsonDocument fixture = JsonDocument.Parse(
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "tensor_format.json")));
        int checkedCases = 0;
        foreach (JsonElement c in fixture.RootElement.GetProperty("cases").EnumerateArray())
        {
            int[] shape = c.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            float[] data = c.GetProperty("bits").EnumerateArray().Select(e => BitConverter.UInt32BitsToSingle(e.GetUInt32())).ToArray();
            Tensor t = Tensor.FromArray(data).Reshape(shape).RequireGrad(c.GetProperty("requires_grad").GetBoolean());
            Assert.Equal(c.GetProperty("text").GetString(), t.ToString());
            checkedCases++;
        }
        Assert.Equal(164, checkedCases);
    }

    [Fact]
    public void ParameterIsPrefixed()
    {
        var p = new Parameter(Tensor.FromArray([1f, 2f]));
        Assert.Equal("Parameter containing:\ntensor([1., 2.], requires_grad=True)", p.ToString());
        Assert.Equal("Parameter containing:\ntensor([1., 2.])", new Parameter(Tensor.FromArray([1f, 2f]), requiresGrad: false).ToString());
    }

    [Fact]
    public void GradFnNameSurvivesBackward()
    {
        Tensor y = (Tensor.FromArray([1f, 2f]).RequireGrad() * 2f).Sum();
        y.Backward();
        Assert.Equal("tensor(6., grad_fn=<SumBackward0>)", y.ToString());
    }

    [Fact]
    public void PrintingIgnoresGradMode()
    {
        Tensor x = Tensor.FromArray([1f]).RequireGrad();
        using (Autograd.NoGrad())
        {
            Assert.Equal("tensor([1.], requires_grad=True)", x.ToString());
        }
    }

    // Python's '{:.4f}' and '{:.4e}': correctly rounded from the exact binary value, ties to even.
    [Theory]
    [InlineData(0.03125, "0.0312")]
    [InlineData(0.09375, "0.0938")]
    [InlineData(-0.03125, "-0.0312")]
    [InlineData(-0.00001, "-0.0000")]
    [InlineData(0.1, "0.1000")]
    [InlineData(2.5, "2.5000")]
    [InlineData(123456.78125, "123456.7812")]
    [InlineData(0.0, "0.0000")]
    [InlineData(double.NaN, "nan")]
    [InlineData(double.NegativeInfinity, "-inf")]
    public void FixedRoundsLikePython(double value, string expected) =>
        Assert.Equal(expected, FloatFormat.Fixed(value, 4));

    [Theory]
    [InlineData(1.03125, "1.0312e+00")]
    [InlineData(1.09375, "1.0938e+00")]
    [InlineData(9.99995, "1.0000e+01")]
    [InlineData(99999.5, "1.0000e+05")]
    [InlineData(1e-5, "1.0000e-05")]
    [InlineData(1e100, "1.0000e+100")]
    [InlineData(-2.5e-300, "-2.5000e-300")]
    [InlineData(4.9406564584124654e-324, "4.9407e-324")]
    [InlineData(1e23, "1.0000e+23")]
    [InlineData(0.0, "0.0000e+00")]
    [InlineData(-0.0, "-0.0000e+00")]
    [InlineData(double.PositiveInfinity, "inf")]
    public void ScientificRoundsLikePython(double value, string expected) =>
        Assert.Equal(expected, FloatFormat.Scientific(value, 4));

    [Theory]
    [InlineData(2.5, "2")]
    [InlineData(3.5, "4")]
    [InlineData(-0.0, "-0")]
    [InlineData(100000000.0, "100000000")]
    public void WholeNumbersRoundLikePython(double value, string expected) =>
        Assert.Equal(expected, FloatFormat.Fixed(value, 0));
}
