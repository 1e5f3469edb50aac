namespace Descent.Optim.Tests.Schedulers;

/// <summary>The closed forms of <see cref="Schedule"/> against the schedulers they describe, sampled step by step.</summary>
public sealed class ScheduleTests
{
    private const int Steps = 400;

    /// <summary>Equal within 1e-12 relative: closed form and chainable scheduler differ only by rounding.</summary>
    private static void AssertCurve(Func<int, double> closedForm, IReadOnlyList<double> sampled, string what)
    {
        Assert.True(sampled.Count >= 300, $"{what}: only {sampled.Count} steps");
        for (int t = 0; t < sampled.Count; t++)
        {
            double expected = closedForm(t);
            double tolerance = 1e-12 * Math.Max(Math.Abs(expected), Math.Abs(sampled[t]));
            Assert.True(Math.Abs(expected - sampled[t]) <= tolerance, $"{what} at step {t}: closed form {expected:R}, scheduler {sampled[t]:R}");
        }
    }

    [Theory]
    [InlineData(30, 0.1)]
    [InlineData(7, 0.5)]
    [InlineData(1, 0.97)]
    public void StepMatchesStepLR(int stepSize, double gamma) => AssertCurve(
        t => Schedule.Step(t, 0.1, stepSize, gamma),
        Schedule.Sample(o => new StepLR(o, stepSize, gamma), Steps, baseLr: 0.1).Lr,
        $"StepLR({stepSize}, {gamma})");

    [Fact]
    public void MultiStepMatchesMultiStepLR()
    {
        int[] milestones = [30, 80, 150, 151, 320];
        AssertCurve(t => Schedule.MultiStep(t, 0.05, milestones, 0.5),
            Schedule.Sample(o => new MultiStepLR(o, milestones, 0.5), Steps, baseLr: 0.05).Lr, "MultiStepLR");
    }

    [Theory]
    [InlineData(0.99)]
    [InlineData(0.9)]
    [InlineData(1.001)]
    public void ExponentialMatchesExponentialLR(double gamma) => AssertCurve(
        t => Schedule.Exponential(t, 0.3, gamma),
        Schedule.Sample(o => new ExponentialLR(o, gamma), Steps, baseLr: 0.3).Lr,
        $"ExponentialLR({gamma})");

    [Theory]
    [InlineData(100, 0.001)]
    [InlineData(300, 0.0)]
    [InlineData(57, 0.01)]
    public void CosineAnnealingMatchesCosineAnnealingLR(int tMax, double etaMin) => AssertCurve(
        t => Schedule.CosineAnnealing(t, 0.1, tMax, etaMin),
        Schedule.Sample(o => new CosineAnnealingLR(o, tMax, etaMin), Steps, baseLr: 0.1).Lr,
        $"CosineAnnealingLR({tMax}, {etaMin})");

    [Theory]
    [InlineData(1.0 / 3, 1.0, 5)]
    [InlineData(0.01, 1.0, 250)]
    [InlineData(1.0, 0.2, 100)]
    public void LinearWarmupMatchesLinearLR(double startFactor, double endFactor, int totalIters) => AssertCurve(
        t => Schedule.LinearWarmup(t, 0.2, totalIters, startFactor, endFactor),
        Schedule.Sample(o => new LinearLR(o, startFactor, endFactor, totalIters), Steps, baseLr: 0.2).Lr,
        $"LinearLR({startFactor}, {endFactor}, {totalIters})");

    [Theory]
    [InlineData(1.0 / 3, 5)]
    [InlineData(0.1, 150)]
    [InlineData(0.5, 40)]
    public void ConstantMatchesConstantLR(double factor, int totalIters) => AssertCurve(
        t => Schedule.Constant(t, 0.2, factor, totalIters),
        Schedule.Sample(o => new ConstantLR(o, factor, totalIters), Steps, baseLr: 0.2).Lr,
        $"ConstantLR({factor}, {totalIters})");

    [Theory]
    [InlineData(5, 1.0)]
    [InlineData(250, 0.9)]
    [InlineData(100, 2.0)]
    public void PolynomialMatchesPolynomialLR(int totalIters, double power) => AssertCurve(
        t => Schedule.Polynomial(t, 0.2, totalIters, power),
        Schedule.Sample(o => new PolynomialLR(o, totalIters, power), Steps, baseLr: 0.2).Lr,
        $"PolynomialLR({totalIters}, {power})");

    [Theory]
    [InlineData(300, 0.3, AnnealStrategy.Cos, false)]
    [InlineData(300, 0.3, AnnealStrategy.Linear, false)]
    [InlineData(333, 0.25, AnnealStrategy.Cos, true)]
    [InlineData(310, 0.4, AnnealStrategy.Linear, true)]
    [InlineData(300, 0.0, AnnealStrategy.Cos, false)]
    public void OneCycleMatchesOneCycleLR(int totalSteps, double pctStart, AnnealStrategy strategy, bool threePhase)
    {
        // totalSteps + 1 rates: the last is the one set after the final planned step (0 for linear annealing).
        SampledSchedule sampled = Schedule.Sample(
            o => new OneCycleLR(o, 0.1, totalSteps, pctStart: pctStart, annealStrategy: strategy, divFactor: 20, finalDivFactor: 500, threePhase: threePhase),
            totalSteps + 1);
        AssertCurve(t => Schedule.OneCycle(t, 0.1, totalSteps, pctStart, strategy, 20, 500, threePhase), sampled.Lr, $"OneCycleLR({strategy})");
        Assert.NotNull(sampled.Momentum);
        Assert.Throws<ArgumentOutOfRangeException>("step", () => Schedule.OneCycle(totalSteps + 1, 0.1, totalSteps));
    }

    [Theory]
    [InlineData(20, null)]
    [InlineData(15, 35)]
    [InlineData(12, 0)]
    public void CyclicTriangularMatchesCyclicLR(int up, int? down) => AssertCurve(
        t => Schedule.CyclicTriangular(t, 0.01, 0.1, up, down),
        Schedule.Sample(o => new CyclicLR(o, 0.01, 0.1, stepSizeUp: up, stepSizeDown: down), Steps).Lr,
        $"CyclicLR({up}, {down})");

    [Theory]
    [InlineData(50, 300, 0.0, 0.0)]
    [InlineData(30, 330, 0.001, 0.1)]
    [InlineData(0, 300, 0.0001, 0.0)]
    [InlineData(1, 301, 0.0, 0.5)]
    public void WarmupCosineMatchesItsScheduler(int warmup, int total, double minLr, double startFactor) => AssertCurve(
        t => Schedule.WarmupCosine(t, 0.05, warmup, total, minLr, startFactor),
        Schedule.Sample(o => Schedule.WarmupCosineScheduler(o, warmup, total, minLr, startFactor), total + 50, baseLr: 0.05).Lr,
        $"WarmupCosine({warmup}, {total}, {minLr}, {startFactor})");

    [Fact]
    public void WarmupCosineIsSequentialLinearThenCosineWhereLinearLRCanStart()
    {
        var optimizer = new SGD([new Parameter(Tensor.Zeros(1))], lr: 0.1);
        var s = Assert.IsType<SequentialLR>(Schedule.WarmupCosineScheduler(optimizer, 10, 100, warmupStartFactor: 0.1));
        Assert.IsType<LinearLR>(s.Schedulers[0]);
        Assert.IsType<CosineAnnealingLR>(s.Schedulers[1]);
        Assert.Equal([10], s.Milestones);
    }

    [Fact]
    public void WarmupCosineStartsAtTheStartFactorPeaksAtTheEndOfWarmupAndEndsAtMinLr()
    {
        Assert.Equal(0.0, Schedule.WarmupCosine(0, 1.0, 10, 110));
        Assert.Equal(0.05, Schedule.WarmupCosine(0, 0.5, 10, 110, warmupStartFactor: 0.1), 15);
        Assert.Equal(0.5, Schedule.WarmupCosine(5, 1.0, 10, 110), 15);
        Assert.Equal(1.0, Schedule.WarmupCosine(10, 1.0, 10, 110), 15);
        Assert.Equal(0.001, Schedule.WarmupCosine(110, 1.0, 10, 110, minLr: 0.001), 15);
    }

    [Fact]
    public void SampleRecordsMomentumOnlyWhereTheSchedulerCyclesIt()
    {
        SampledSchedule cyclic = Schedule.Sample(o => new CyclicLR(o, 0.01, 0.1, stepSizeUp: 10), 21);
        Assert.Equal(21, cyclic.Lr.Count);
        Assert.NotNull(cyclic.Momentum);
        Assert.Equal(0.9, cyclic.Momentum![0], 15);
        Assert.Equal(0.8, cyclic.Momentum[10], 15);
        Assert.Equal(0.1, cyclic.Lr[10], 15);

        SampledSchedule step = Schedule.Sample(o => new StepLR(o, 5), 10, baseLr: 2.0);
        Assert.Null(step.Momentum);
        Assert.Equal([2.0, 2.0, 2.0, 2.0, 2.0, 0.2, 0.2, 0.2, 0.2, 0.2], step.Lr.Select(x => Math.Round(x, 12)));

        Assert.Null(Schedule.Sample(o => new CyclicLR(o, 0.01, 0.1, stepSizeUp: 10, cycleMomentum: false), 5).Momentum);
        Assert.Empty(Schedule.Sample(o => new StepLR(o, 5), 0).Lr);
    }

    [Fact]
    public void SampleRefusesWhatItCannotRun()
    {
        Assert.Throws<InvalidOperationException>(() => Schedule.Sample(o => new ReduceLROnPlateau(o), 3));
        Assert.Throws<InvalidOperationException>(() => Schedule.Sample(o => new OneCycleLR(o, 0.1, totalSteps: 10), 12));
        var other = new SGD([new Parameter(Tensor.Zeros(1))], lr: 0.1);
        Assert.Throws<ArgumentException>("create", () => Schedule.Sample(o => new StepLR(other, 5), 3));
        Assert.Throws<ArgumentOutOfRangeException>("steps", () => Schedule.Sample(o => new StepLR(o, 5), -1));
    }

    [Fact]
    public void ClosedFormsRefuseWhatTheirSchedulersRefuse()
    {
        Assert.Throws<ArgumentOutOfRangeException>("step", () => Schedule.Exponential(-1, 0.1, 0.9));
        Assert.Throws<ArgumentOutOfRangeException>("stepSize", () => Schedule.Step(3, 0.1, 0));
        Assert.Throws<ArgumentOutOfRangeException>("tMax", () => Schedule.CosineAnnealing(3, 0.1, 0));
        Assert.Throws<ArgumentOutOfRangeException>("totalIters", () => Schedule.Polynomial(3, 0.1, 0));
        Assert.Throws<ArgumentOutOfRangeException>("step", () => Schedule.Constant(-1, 0.1));
        Assert.Throws<ArgumentOutOfRangeException>("warmupSteps", () => Schedule.LinearWarmup(3, 0.1, 0));
        Assert.Throws<ArgumentOutOfRangeException>("stepSizeUp", () => Schedule.CyclicTriangular(3, 0.01, 0.1, 0));
        Assert.Throws<ArgumentOutOfRangeException>("totalSteps", () => Schedule.WarmupCosine(3, 0.1, 10, 10));
        Assert.Throws<ArgumentOutOfRangeException>("warmupSteps", () => Schedule.WarmupCosine(3, 0.1, -1, 10));
        Assert.Throws<ArgumentOutOfRangeException>("warmupStartFactor", () => Schedule.WarmupCosine(3, 0.1, 2, 10, warmupStartFactor: 1.5));
        Assert.Throws<ArgumentOutOfRangeException>("minLr", () => Schedule.WarmupCosineScheduler(
            new SGD([new Parameter(Tensor.Zeros(1))], lr: 0.1), 2, 10, minLr: -1));
    }
}
