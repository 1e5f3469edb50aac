using Descent.Optim.Tests.Support;

namespace Descent.Optim.Tests;

/// <summary>Muon beyond the battery: PyTorch's refusal of non-matrices, tall matrices, the registry's keys, and orthogonality.</summary>
public sealed class MuonTests
{
    [Fact]
    public void ANonMatrixIsRefusedWithPyTorchsMessage()
    {
        var e = Assert.Throws<ArgumentException>(() => new Muon([new Parameter(Tensor.Zeros(2, 2)), new Parameter(Tensor.Zeros(3))]));
        Assert.Equal("Muon only supports 2D parameters whereas we found a parameter with size: torch.Size([3])", e.Message);
    }

    [Fact]
    public void TallAndWideMatricesOnTheFastPathEqualTheScalarReference()
    {
        int[][] shapes = [[37, 5], [5, 37], [9, 9], [0, 4]];
        Parameter[] Make() => shapes.Select((s, i) => new Parameter(Tensor.Randn(s, new Generator((ulong)i + 1)))).ToArray();
        Parameter[] fast = Make(), reference = Make();
        var fastOpt = new Muon(fast, lr: 0.02);
        var referenceOpt = new Muon(reference, lr: 0.02) { UseReference = true };
        var generator = new Generator(3);
        for (int step = 0; step < 5; step++)
        {
            for (int i = 0; i < fast.Length; i++)
            {
                Tensor grad = Tensor.Randn([.. fast[i].Shape], generator);
                (fast[i].Grad, reference[i].Grad) = (grad, grad.Detach().Clone());
            }
            fastOpt.Step();
            referenceOpt.Step();
        }
        for (int i = 0; i < fast.Length; i++)
        {
            Close.Bitwise(reference[i].AsReadOnlySpan(), fast[i].AsReadOnlySpan(), $"param {i}");
        }
        Close.StateDicts(referenceOpt.StateDict(), fastOpt.StateDict());
    }

    [Fact]
    public void NewtonSchulzBringsEverySingularValueNearOne()
    {
        // OᵀO of an orthogonalized 12×5 matrix: its eigenvalues are the squared singular values, which Muon's
        // coefficients put within about [0.7, 1.2]; so its diagonal lies there and the rest stays small.
        Tensor g = Tensor.Randn([12, 5], new Generator(4)) * 10f;
        float[] o = g.ToArray();
        NewtonSchulz.Orthogonalize(o, 12, 5, new MuonOptions().NsCoefficients, 5, 1e-7);
        Tensor ot = Tensor.FromArray(o, 12, 5);
        float[] gram = ot.T.MatMul(ot).ToArray();
        for (int i = 0; i < 5; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                float v = gram[i * 5 + j];
                Assert.True(i == j ? v is > 0.4f and < 1.6f : Math.Abs(v) < 0.4f, $"(OᵀO)[{i},{j}] = {v}");
            }
        }
    }

    [Fact]
    public void TheRegistryTakesPyTorchsKeysWithTheCoefficientsAsATuple()
    {
        var p = new Parameter(Tensor.Zeros(4, 3));
        Optimizer opt = OptimizerRegistry.Create("muon", [p], new Dictionary<string, object?>
        {
            ["lr"] = 0.02, ["ns_coefficients"] = (3.0, -3.2, 1.2), ["ns_steps"] = 3, ["eps"] = 1e-6, ["nesterov"] = false,
            ["adjust_lr_fn"] = "match_rms_adamw", ["weight_decay"] = 0.0, ["momentum"] = 0.9,
        });
        var o = Assert.IsType<MuonOptions>(opt.ParamGroups[0].Options);
        Assert.Equal([3.0, -3.2, 1.2], o.NsCoefficients);
        Assert.Equal("match_rms_adamw", o.AdjustLrFn);
        Assert.Equal(0.02 * 0.2 * 2, MuonUpdate.AdjustedLr(o, 4, 3), 12);
        Assert.Equal(0.02 * Math.Sqrt(4.0 / 3), MuonUpdate.AdjustedLr(o with { AdjustLrFn = null }, 4, 3), 12);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => OptimizerRegistry.Create("muon", [p],
            new Dictionary<string, object?> { ["adjust_lr_fn"] = "spectral" }));
        Assert.Equal("adjust_lr_fn", e.ParamName);
    }

    [Fact]
    public void OptaxSpellingOfTheLearningRateIsTaken()
    {
        Optimizer opt = OptimizerRegistry.Create("lars", [new Parameter(Tensor.Zeros(3))], new Dictionary<string, object?> { ["learning_rate"] = 0.5 });
        Assert.Equal(0.5, opt.ParamGroups[0].Lr);
    }
}
