namespace Descent.Optim.Tests.Schedulers;

public sealed class CyclicLRTests
{
    [Fact]
    public void ANewScheduleStartsEveryGroupAtItsBaseRateAndMaximumMomentum()
    {
        var optimizer = new SGD([new ParamGroup([new Parameter(Tensor.Zeros(1))]), new ParamGroup([new Parameter(Tensor.Zeros(1))])],
            lr: 0.5, momentum: 0.5);
        var s = new CyclicLR(optimizer, [0.01, 0.001], 0.1, stepSizeUp: 4);
        Assert.Equal([0.01, 0.001], s.GetLastLr());
        Assert.Equal([0.01, 0.001], s.BaseLrs);
        Assert.Equal(0.01, optimizer.ParamGroups[0].InitialLr);
        Assert.Equal(0.9, optimizer.ParamGroups[1]["momentum"]);
        Assert.Equal(0.9, optimizer.ParamGroups[1]["max_momentum"]);
        Assert.Equal(0.8, optimizer.ParamGroups[1]["base_momentum"]);
        for (int i = 0; i < 4; i++)
        {
            s.Step();
        }
        Assert.Equal(0.1, optimizer.ParamGroups[1].Lr, 15);
        Assert.Equal(0.8, (double)optimizer.ParamGroups[1]["momentum"]!, 15);
    }

    [Fact]
    public void AdamsBeta1IsCycledAndBeta2Kept()
    {
        var optimizer = new Adam([new Parameter(Tensor.Zeros(1))], lr: 0.001, betas: (0.9, 0.99));
        var s = new CyclicLR(optimizer, 0.001, 0.01, stepSizeUp: 2, baseMomentum: 0.7, maxMomentum: 0.95);
        Assert.Equal((0.95, 0.99), optimizer.ParamGroups[0]["betas"]);
        s.Step();
        s.Step();
        Assert.Equal((0.7, 0.99), optimizer.ParamGroups[0]["betas"]);
        Assert.False(optimizer.ParamGroups[0].ContainsKey("momentum"));
    }

    [Fact]
    public void ACustomScaleFunctionReplacesTheMode()
    {
        var optimizer = new SGD([new Parameter(Tensor.Zeros(1))], lr: 0.1, momentum: 0.9);
        var seen = new List<double>();
        var s = new CyclicLR(optimizer, 0.0, 1.0, stepSizeUp: 2, mode: CyclicLRMode.Triangular2,
            scaleFn: x => { seen.Add(x); return 0.5; }, scaleMode: CyclicScaleMode.Iterations);
        s.Step();
        Assert.Equal(0.25, optimizer.ParamGroups[0].Lr, 15);
        Assert.Equal([0.0, 1.0], seen);
    }

    [Fact]
    public void ARefusedConstructionWritesNothing()
    {
        var optimizer = new SGD([new Parameter(Tensor.Zeros(1))], lr: 0.5, momentum: 0.3);
        Assert.Throws<ArgumentException>("maxMomentum", () => new CyclicLR(optimizer, 0.01, 0.1, maxMomentum: new[] { 0.9, 0.95 }));
        Assert.Equal(0.5, optimizer.ParamGroups[0].Lr);
        Assert.Equal(0.3, optimizer.ParamGroups[0]["momentum"]);
        Assert.Null(optimizer.ParamGroups[0].InitialLr);
    }
}
