namespace Descent.Optim.Tests.Schedulers;

public sealed class OneCycleLRTests
{
    private static SGD Sgd(int groups = 1) =>
        new(Enumerable.Range(0, groups).Select(_ => new ParamGroup([new Parameter(Tensor.Zeros(1))])), lr: 0.5, momentum: 0.9);

    [Fact]
    public void SteppingPastTheTotalThrowsNamingBothNumbersAndChangesNothing()
    {
        SGD optimizer = Sgd();
        var s = new OneCycleLR(optimizer, 0.1, totalSteps: 20);
        for (int i = 0; i < 20; i++)
        {
            s.Step();
        }
        Assert.Equal(20, s.LastEpoch);
        string before = s.StateDict().ToString();
        double lr = optimizer.ParamGroups[0].Lr;

        var e = Assert.Throws<InvalidOperationException>(s.Step);
        Assert.Equal("Tried to step 21 times. The specified number of total steps is 20", e.Message);
        Assert.Equal(before, s.StateDict().ToString());
        Assert.Equal(lr, optimizer.ParamGroups[0].Lr);
    }

    [Fact]
    public void EpochsTimesStepsPerEpochGiveTheTotal()
    {
        var s = new OneCycleLR(Sgd(), 0.1, epochs: 4, stepsPerEpoch: 25);
        Assert.Equal(100, s.TotalSteps);
        Assert.Equal(100, new OneCycleLR(Sgd(), 0.1, totalSteps: 100, epochs: 7, stepsPerEpoch: 3).TotalSteps);
    }

    [Fact]
    public void ItWritesPyTorchsKeysIntoTheGroups()
    {
        SGD optimizer = Sgd(2);
        _ = new OneCycleLR(optimizer, new[] { 0.1, 0.05 }, totalSteps: 100, divFactor: 10, finalDivFactor: 100,
            baseMomentum: 0.8, maxMomentum: new[] { 0.9, 0.95 });
        ParamGroup g = optimizer.ParamGroups[1];
        Assert.Equal(0.005, g.InitialLr!.Value, 15);
        Assert.Equal(0.05, (double)g["max_lr"]!);
        Assert.Equal(0.00005, (double)g["min_lr"]!, 15);
        Assert.Equal(0.95, (double)g["max_momentum"]!);
        Assert.Equal(0.8, (double)g["base_momentum"]!);
        Assert.Equal(0.005, g.Lr, 15);
        Assert.Equal(0.95, (double)g["momentum"]!);

        string printed = optimizer.StateDict().ToString();
        Assert.Contains("initial_lr: 0.005", printed);
        Assert.Contains("max_lr: 0.05", printed);
        Assert.Contains("base_momentum: 0.8", printed);
    }

    [Fact]
    public void AdamsBeta1IsCycledAndBeta2Kept()
    {
        var optimizer = new Adam([new Parameter(Tensor.Zeros(1))], lr: 0.001, betas: (0.9, 0.99));
        var s = new OneCycleLR(optimizer, 0.01, totalSteps: 10, pctStart: 0.5);
        Assert.Equal((0.95, 0.99), optimizer.ParamGroups[0]["betas"]);
        for (int i = 0; i < 4; i++)
        {
            s.Step();
        }
        Assert.Equal((0.85, 0.99), optimizer.ParamGroups[0]["betas"]);
    }

    [Fact]
    public void TheLinearOvershootAfterTheLastPlannedStepStopsAtZero()
    {
        SGD optimizer = Sgd();
        var s = new OneCycleLR(optimizer, 0.1, totalSteps: 10, annealStrategy: AnnealStrategy.Linear);
        for (int i = 0; i < 9; i++)
        {
            s.Step();
        }
        Assert.Equal(0.1 / 25 / 1e4, optimizer.ParamGroups[0].Lr, 15);
        s.Step();
        Assert.Equal(0.0, optimizer.ParamGroups[0].Lr);
    }

    [Fact]
    public void ResumingNeedsTheKeysAFirstScheduleWrote()
    {
        SGD optimizer = Sgd();
        var first = new OneCycleLR(optimizer, 0.1, totalSteps: 50);
        for (int i = 0; i < 10; i++)
        {
            first.Step();
        }
        var resumed = new OneCycleLR(optimizer, 0.1, totalSteps: 50, lastEpoch: 10);
        Assert.Equal(11, resumed.LastEpoch);

        var bare = Sgd();
        bare.ParamGroups[0].InitialLr = 0.004;
        Assert.Throws<ArgumentException>("lastEpoch", () => new OneCycleLR(bare, 0.1, totalSteps: 50, lastEpoch: 10));
        Assert.Throws<ArgumentOutOfRangeException>("lastEpoch", () => new OneCycleLR(optimizer, 0.1, totalSteps: 50, lastEpoch: 50));
    }

    [Fact]
    public void ARefusedConstructionWritesNothing()
    {
        SGD optimizer = Sgd();
        Assert.Throws<ArgumentOutOfRangeException>(() => new OneCycleLR(optimizer, 0.1, totalSteps: 100, pctStart: 2));
        Assert.Null(optimizer.ParamGroups[0].InitialLr);
        Assert.False(optimizer.ParamGroups[0].ContainsKey("max_lr"));
        Assert.Equal(0.5, optimizer.ParamGroups[0].Lr);
    }
}
