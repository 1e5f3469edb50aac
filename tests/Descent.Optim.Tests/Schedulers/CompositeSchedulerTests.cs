namespace Descent.Optim.Tests.Schedulers;

/// <summary>
/// Behaviour of current PyTorch that PyTorch 1.13 cannot produce as a fixture, checked against the formulas of
/// current PyTorch's source (torch/optim/lr_scheduler.py).
/// </summary>
public sealed class CompositeSchedulerTests
{
    private static SGD Sgd(double lr = 0.1) => new([new Parameter(Tensor.Zeros(1))], lr: lr, momentum: 0.9);

    private static double Lr(Optimizer optimizer) => optimizer.ParamGroups[0].Lr;

    [Fact]
    public void SequentialLRUndoesTheInitialStepsInsideANestedChainedScheduler()
    {
        // Current PyTorch's recursive_undo rewinds the chained schedulers, then the chain's initial step steps
        // each of them outside their own initial mode: ConstantLR applies its factor, ExponentialLR its gamma.
        // (1.13 raised AttributeError: a ChainedScheduler has no last_epoch.)
        SGD optimizer = Sgd();
        var chained = new ChainedScheduler([new ConstantLR(optimizer, factor: 0.5, totalIters: 2), new ExponentialLR(optimizer, 0.9)]);
        var sequential = new SequentialLR(optimizer, [chained, new StepLR(optimizer, 10)], [50]);
        Assert.Equal(0.1 * 0.5 * 0.9, Lr(optimizer), 15);
        Assert.Equal(0, ((ChainedScheduler)sequential.Schedulers[0]).Schedulers[0].LastEpoch);

        sequential.Step();
        Assert.Equal(0.1 * 0.5 * 0.9 * 0.9, Lr(optimizer), 15);
        sequential.Step();
        Assert.Equal(0.1 * 0.5 * 0.9 * 0.9 * (1.0 / 0.5) * 0.9, Lr(optimizer), 15);
    }

    [Fact]
    public void AtASequentialLRMilestoneMultiplicativeLRAppliesItsFactorForEpochZero()
    {
        // Current PyTorch starts it with _update_lr(0): no closed form, so get_lr outside the initial step,
        // which multiplies by lambda(0) (1.13's step(0) kept the rate at last_epoch 0).
        SGD optimizer = Sgd();
        var sequential = new SequentialLR(optimizer, [new ConstantLR(optimizer, factor: 0.5, totalIters: 2), new MultiplicativeLR(optimizer, t => 0.9)], [3]);
        sequential.Step();
        sequential.Step();
        Assert.Equal(0.1, Lr(optimizer), 15);
        sequential.Step();
        Assert.Equal(0.1 * 0.9, Lr(optimizer), 15);
        sequential.Step();
        Assert.Equal(0.1 * 0.9 * 0.9, Lr(optimizer), 15);
    }

    [Fact]
    public void CosineAnnealingLRContinuesRecursivelyFromARateChangedFromOutside()
    {
        SGD optimizer = Sgd();
        var cosine = new CosineAnnealingLR(optimizer, tMax: 20, etaMin: 0.001);
        for (int i = 0; i < 5; i++)
        {
            cosine.Step();
        }
        optimizer.ParamGroups[0].Lr = 0.05;
        cosine.Step();
        double ratio = (1 + Math.Cos(Math.PI * 6 / 20)) / (1 + Math.Cos(Math.PI * 5 / 20));
        Assert.Equal(ratio * (0.05 - 0.001) + 0.001, Lr(optimizer), 15);
        double closedForm = 0.001 + (0.1 - 0.001) * (1 + Math.Cos(Math.PI * 6 / 20)) / 2;
        Assert.NotEqual(closedForm, Lr(optimizer), 6);
    }

    [Fact]
    public void CosineAnnealingWarmRestartsContinuesFromAnEpochGivenToStep()
    {
        // PyTorch's documented interleaving: step(26) then step() is step(27).
        SGD optimizer = Sgd();
        var scheduler = new CosineAnnealingWarmRestarts(optimizer, t0: 10, etaMin: 0.001);
        for (int i = 0; i < 20; i++)
        {
            scheduler.Step();
        }
        scheduler.Step(26);
        scheduler.Step();
        Assert.Equal(27, scheduler.LastEpoch);
        Assert.Equal(0.001 + (0.1 - 0.001) * (1 + Math.Cos(Math.PI * 7 / 10)) / 2, Lr(optimizer), 15);
    }

    [Fact]
    public void ConstantLRWithFactorZeroFailsWhereItWouldRestoreTheRate()
    {
        SGD optimizer = Sgd();
        var scheduler = new ConstantLR(optimizer, factor: 0, totalIters: 2);
        scheduler.Step();
        Assert.Equal(0, Lr(optimizer));
        Assert.Throws<DivideByZeroException>(scheduler.Step);
    }

    [Fact]
    public void CompositeStateDictsHoldTheNestedStateDicts()
    {
        SGD optimizer = Sgd();
        var chained = new ChainedScheduler([new ConstantLR(optimizer), new ExponentialLR(optimizer, 0.9)]);
        var nested = Assert.IsAssignableFrom<IReadOnlyList<SchedulerStateDict>>(chained.StateDict().Fields["_schedulers"]);
        Assert.Equal(["ConstantLR", "ExponentialLR"], nested.Select(d => d.SchedulerType));

        var sequential = new SequentialLR(optimizer, [new LinearLR(optimizer), new CosineAnnealingWarmRestarts(optimizer, 5)], [5]);
        SchedulerStateDict state = sequential.StateDict();
        Assert.Equal(new[] { 5 }, state.Fields["_milestones"]);
        Assert.Equal(2, Assert.IsAssignableFrom<IReadOnlyList<SchedulerStateDict>>(state.Fields["_schedulers"]).Count);
    }

    [Fact]
    public void MilestonesReadBackAsNumbersLoad()
    {
        // A state dict read from a file holds number lists as doubles.
        SGD optimizer = Sgd();
        var sequential = new SequentialLR(optimizer, [new ConstantLR(optimizer), new ExponentialLR(optimizer, 0.9)], [5]);
        SchedulerStateDict state = sequential.StateDict();
        sequential.LoadStateDict(state with { Fields = state.Fields.ToDictionary(kv => kv.Key, kv => kv.Key == "_milestones" ? (object?)new[] { 7.0 } : kv.Value) });
        Assert.Equal([7], sequential.Milestones);
        Assert.ThrowsAny<ArgumentException>(() => sequential.LoadStateDict(
            state with { Fields = state.Fields.ToDictionary(kv => kv.Key, kv => kv.Key == "_milestones" ? (object?)new[] { 7.5 } : kv.Value) }));
        Assert.Equal([7], sequential.Milestones);
    }
}
