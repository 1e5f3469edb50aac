namespace Descent.Optim.Tests.Schedulers;

/// <summary>
/// The two forms of every scheduler that has a closed form: stepping it (the chainable form, which reads the
/// groups' current rates) and jumping to each epoch with the closed form (as a <see cref="SequentialLR"/>
/// milestone does) give the same rates, on every fixture case.
/// </summary>
public sealed class ClosedFormTests
{
    private static readonly string[] s_expected =
        ["ConstantLR", "CosineAnnealingLR", "ExponentialLR", "LinearLR", "MultiStepLR", "PolynomialLR", "StepLR"];

    public static TheoryData<string, int> FixtureCases()
    {
        var data = new TheoryData<string, int>();
        foreach (SchedulerCase c in SchedulerCase.All)
        {
            SchedulerFixture fixture = SchedulerFixture.Load(c.Name);
            if (!c.Create(SchedulerBatteryTests.BuildOptimizer(fixture.Cases[0]), fixture.Cases[0].Options).HasClosedForm)
            {
                continue;
            }
            for (int i = 0; i < fixture.Cases.Length; i++)
            {
                data.Add(c.Name, i);
            }
        }
        return data;
    }

    [Fact]
    public void TheSchedulersWithAClosedFormAreAllHeld()
    {
        string[] held = FixtureCases().Select(row => (string)row[0]).Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(s_expected, held);
    }

    [Theory]
    [MemberData(nameof(FixtureCases))]
    public void ChainableStepsFollowTheClosedForm(string scheduler, int caseIndex)
    {
        SchedulerCase c = SchedulerCase.Named(scheduler);
        SchedulerFixtureCase fixture = SchedulerFixture.Load(scheduler).Cases[caseIndex];
        Optimizer stepped = SchedulerBatteryTests.BuildOptimizer(fixture);
        LRScheduler chainable = c.Create(stepped, fixture.Options);
        Optimizer jumped = SchedulerBatteryTests.BuildOptimizer(fixture);
        LRScheduler closed = c.Create(jumped, fixture.Options);
        for (int epoch = 1; epoch <= fixture.Steps; epoch++)
        {
            chainable.Step();
            closed.UpdateLr(epoch);
            for (int g = 0; g < stepped.ParamGroups.Count; g++)
            {
                double a = stepped.ParamGroups[g].Lr, b = jumped.ParamGroups[g].Lr;
                Assert.True(Math.Abs(a - b) <= 1e-12 * Math.Max(Math.Abs(a), Math.Abs(b)) + 1e-300,
                    $"{fixture.Name}, group {g}, epoch {epoch}: chainable {a:R}, closed form {b:R}");
            }
        }
    }
}
