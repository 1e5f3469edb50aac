namespace Descent.Optim.Tests;

/// <summary>LARS's masks as param-group flags, and the usual split that keeps biases out of decay and trust ratio.</summary>
public sealed class LarsTests
{
    [Fact]
    public void ExcludeVectorsMasksBiasesOffAndKeepsMatrices()
    {
        Parameter w = new(Tensor.Ones(2, 3)), b = new(Tensor.Ones(3));
        IReadOnlyList<ParamGroup> groups = Lars.ExcludeVectors([w, b]);
        var opt = new Lars(groups, lr: 0.1, weightDecay: 0.5);
        Assert.Equal([w], opt.ParamGroups[0].Params);
        Assert.True((bool)opt.ParamGroups[0]["weight_decay_mask"]!);
        Assert.Equal([b], opt.ParamGroups[1].Params);
        Assert.False((bool)opt.ParamGroups[1]["weight_decay_mask"]!);
        Assert.False((bool)opt.ParamGroups[1]["trust_ratio_mask"]!);

        // With zero gradients only weight decay moves anything: the matrix shrinks, the masked bias stays.
        w.Grad = Tensor.Zeros(2, 3);
        b.Grad = Tensor.Zeros(3);
        opt.Step();
        Assert.All(w.ToArray(), v => Assert.True(v < 1f, $"matrix element {v} did not decay"));
        Assert.All(b.ToArray(), v => Assert.Equal(1f, v));
    }

    [Fact]
    public void TheTrustRatioScalesTheStepToTheParametersNorm()
    {
        // One step without momentum from θ = (3, 4), g = (0, 10): u = g, r = η‖θ‖/‖u‖ = 0.01·5/10, θ ← θ − γ r u.
        var p = new Parameter(Tensor.FromArray([3f, 4f]));
        var opt = new Lars([p], lr: 1.0, trustCoefficient: 0.01, momentum: 0.0);
        p.Grad = Tensor.FromArray([0f, 10f]);
        opt.Step();
        Assert.Equal(3f, p.ToArray()[0]);
        Assert.Equal(4f - 0.05f, p.ToArray()[1], 6);
    }
}
