using Descent.Optim.Tests.Support;

namespace Descent.Optim.Tests;

/// <summary>The Muon/AdamW split: which parameters go where, each half stepping as its optimizer alone, one state dict.</summary>
public sealed class MuonAdamWTests
{
    private static Parameter[] Network() =>
    [
        new(Tensor.Randn([8, 4], new Generator(1))), new(Tensor.Randn([8], new Generator(2))),   // input layer
        new(Tensor.Randn([8, 8], new Generator(3))), new(Tensor.Randn([8], new Generator(4))),   // hidden layer
        new(Tensor.Randn([3, 8], new Generator(5))), new(Tensor.Randn([3], new Generator(6))),   // output layer
    ];

    [Fact]
    public void HiddenWeightsGoToMuonAndTheOutputLayerAndBiasesToAdamW()
    {
        Parameter[] ps = Network();
        MuonAdamW opt = MuonAdamW.Split(ps, new Dictionary<string, object?> { ["lr"] = 0.01 });
        Assert.Equal(2, opt.ParamGroups.Count);
        Assert.True((bool)opt.ParamGroups[0]["use_muon"]!);
        Assert.Equal([ps[0], ps[2]], opt.ParamGroups[0].Params);
        Assert.False((bool)opt.ParamGroups[1]["use_muon"]!);
        Assert.Equal([ps[1], ps[3], ps[4], ps[5]], opt.ParamGroups[1].Params);
        Assert.All(opt.ParamGroups, g => Assert.Equal(0.01, g.Lr));
    }

    [Fact]
    public void EachHalfStepsBitForBitAsMuonAndAdamWAlone()
    {
        Parameter[] ps = Network();
        Parameter[] muonParams = [Copy(ps[0]), Copy(ps[2])];
        Parameter[] adamParams = [Copy(ps[1]), Copy(ps[3]), Copy(ps[4]), Copy(ps[5])];
        MuonAdamW split = MuonAdamW.Split(ps, new Dictionary<string, object?> { ["lr"] = 0.01, ["weight_decay"] = 0.05 });
        var muon = new Muon(muonParams, lr: 0.01, weightDecay: 0.05);
        var adamW = new AdamW(adamParams, lr: 0.01, weightDecay: 0.05);
        Parameter[] alone = [muonParams[0], adamParams[0], muonParams[1], adamParams[1], adamParams[2], adamParams[3]];
        var generator = new Generator(9);
        for (int step = 0; step < 8; step++)
        {
            for (int i = 0; i < ps.Length; i++)
            {
                Tensor grad = Tensor.Randn([.. ps[i].Shape], generator);
                (ps[i].Grad, alone[i].Grad) = (grad, grad.Detach().Clone());
            }
            split.Step();
            muon.Step();
            adamW.Step();
        }
        for (int i = 0; i < ps.Length; i++)
        {
            Close.Bitwise(alone[i].AsReadOnlySpan(), ps[i].AsReadOnlySpan(), $"param {i}");
        }
    }

    [Fact]
    public void OneStateDictResumesBothHalvesExactly()
    {
        Parameter[] a = Network();
        MuonAdamW source = MuonAdamW.Split(a);
        var generator = new Generator(2);
        void Feed(Parameter[] ps, Generator g)
        {
            foreach (Parameter p in ps)
            {
                p.Grad = Tensor.Randn([.. p.Shape], g);
            }
        }
        for (int step = 0; step < 5; step++)
        {
            Feed(a, generator);
            source.Step();
        }
        OptimizerStateDict saved = source.StateDict();
        Assert.Equal(["momentum_buffer"], saved.State[0].Keys);
        Assert.Equal(["step", "exp_avg", "exp_avg_sq"], saved.State[2].Keys);

        Parameter[] b = a.Select(Copy).ToArray();
        MuonAdamW target = MuonAdamW.Split(b);
        target.LoadStateDict(saved);
        var gb = new Generator(0);
        gb.SetState(generator.GetState());
        for (int step = 0; step < 5; step++)
        {
            Feed(a, generator);
            Feed(b, gb);
            source.Step();
            target.Step();
        }
        for (int i = 0; i < a.Length; i++)
        {
            Close.Bitwise(a[i].AsReadOnlySpan(), b[i].AsReadOnlySpan(), $"param {i}");
        }
    }

    [Fact]
    public void AMuonGroupOfVectorsIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => new MuonAdamW([new ParamGroup([new Parameter(Tensor.Zeros(3))])]));
        Assert.Contains("Muon only supports 2D parameters", e.Message);
    }

    private static Parameter Copy(Parameter p) => new(p.Detach().Clone());
}
