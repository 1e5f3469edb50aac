namespace Descent.Optim.Tests.Schedulers;

public sealed class ReduceLROnPlateauTests
{
    [Fact]
    public void ItFollowsCurrentPyTorchsProtocolWithoutInitialLrOrInitialStep()
    {
        var optimizer = new SGD([new Parameter(Tensor.Zeros(1))], lr: 0.1);
        var s = new ReduceLROnPlateau(optimizer, patience: 1);
        Assert.Equal(0, s.LastEpoch);
        Assert.Equal([0.1], s.GetLastLr());
        Assert.Null(optimizer.ParamGroups[0].InitialLr);
        Assert.DoesNotContain("initial_lr", optimizer.StateDict().ToString());

        s.Step(1.0);
        s.Step(1.0);
        s.Step(1.0);
        Assert.Equal(3, s.LastEpoch);
        Assert.Equal(0.01, optimizer.ParamGroups[0].Lr, 15);
        Assert.Equal([optimizer.ParamGroups[0].Lr], s.GetLastLr());
        Assert.Equal(1.0, s.Best);
        Assert.Equal(0, s.NumBadEpochs);
    }

    [Fact]
    public void StepWithoutAMetricIsRefused()
    {
        var s = new ReduceLROnPlateau(new SGD([new Parameter(Tensor.Zeros(1))], lr: 0.1));
        Assert.Throws<InvalidOperationException>(s.Step);
        Assert.Equal(0, s.LastEpoch);
    }

    [Fact]
    public void TheStateDictHoldsPyTorchsEntries()
    {
        var s = new ReduceLROnPlateau(new SGD([new Parameter(Tensor.Zeros(1))], lr: 0.1), mode: PlateauMode.Max, minLr: new[] { 0.001 });
        s.Step(0.5);
        IReadOnlyDictionary<string, object?> fields = s.StateDict().Fields;
        foreach (string key in new[] { "factor", "default_min_lr", "min_lrs", "patience", "cooldown", "eps", "last_epoch", "_last_lr",
                     "mode_worse", "mode", "threshold", "threshold_mode", "best", "cooldown_counter", "num_bad_epochs" })
        {
            Assert.True(fields.ContainsKey(key), $"no {key}");
        }
        Assert.Equal(0.5, fields["best"]);
        Assert.Null(fields["default_min_lr"]);
        Assert.Equal(double.NegativeInfinity, fields["mode_worse"]);
    }

    [Fact]
    public void AScalarMinLrExtendsToGroupsAddedLaterAndAPerGroupListDoesNot()
    {
        var optimizer = new SGD([new Parameter(Tensor.Zeros(1))], lr: 0.1);
        var s = new ReduceLROnPlateau(optimizer, patience: 0, minLr: 0.05);
        optimizer.AddParamGroup(new ParamGroup([new Parameter(Tensor.Zeros(1))]) { ["lr"] = 0.2 });
        s.Step(1.0);
        s.Step(2.0);
        Assert.Equal(0.05, optimizer.ParamGroups[0].Lr);
        Assert.Equal(0.05, optimizer.ParamGroups[1].Lr);

        var perGroup = new SGD([new Parameter(Tensor.Zeros(1))], lr: 0.1);
        var t = new ReduceLROnPlateau(perGroup, patience: 0, minLr: new[] { 0.05 });
        perGroup.AddParamGroup(new ParamGroup([new Parameter(Tensor.Zeros(1))]));
        t.Step(1.0);
        Assert.Throws<InvalidOperationException>(() => t.Step(2.0));
    }
}
