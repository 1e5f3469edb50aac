using Descent.IO;
using Descent.Optim.Serialization;
using Descent.Optim.Tests.Catalogue;
using Descent.Optim.Tests.Schedulers;

namespace Descent.Optim.Tests;

/// <summary>
/// State files written by an earlier Descent still load, and load losslessly: every optimizer's and scheduler's
/// file under <c>tests/Fixtures/state_files/</c> (format version 1) is loaded into a freshly built object, whose
/// state dict must encode back to the very same JSON and tensor bits.
/// </summary>
/// <remarks>
/// The files were written by <see cref="WriteFiles"/>; to write them again (only when the format version
/// changes), set <c>DESCENT_WRITE_STATE_FILES</c> to the fixtures folder and run that test.
/// </remarks>
public sealed class StateFileFormatTests
{
    private static readonly string s_folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "state_files");

    public static TheoryData<string> Optimizers() => new(OptimizerCase.All.Select(c => c.Name));

    public static TheoryData<string> Schedulers() => new(SchedulerCase.All.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void OptimizerFilesOfFormatOneLoadLosslessly(string optimizer)
    {
        string path = Path.Combine(s_folder, "optimizer", optimizer + ".safetensors");
        OptimizerCase c = OptimizerCase.Named(optimizer);
        Optimizer fresh = c.Create(Parameters(c), new Dictionary<string, object?>());

        fresh.Load(path);

        SafeTensorsFile file = SafeTensors.Load(path);
        (Dictionary<string, Tensor> tensors, string json) = StateDictEncoding.Encode(fresh.StateDict(), "optimizer.");
        Assert.Equal(file.Metadata[OptimizerFiles.OptimizerKey], json);
        Assert.Equal(file.Tensors.Keys.Order(StringComparer.Ordinal), tensors.Keys.Order(StringComparer.Ordinal));
        foreach ((string name, Tensor t) in tensors)
        {
            Tensor saved = file.GetTensor(name);
            Assert.Equal(saved.Shape.ToArray(), t.Shape.ToArray());
            Assert.Equal(saved.ToArray().Select(BitConverter.SingleToInt32Bits), t.ToArray().Select(BitConverter.SingleToInt32Bits));
        }
    }

    [Theory]
    [MemberData(nameof(Schedulers))]
    public void SchedulerFilesOfFormatOneLoadLosslessly(string scheduler)
    {
        string path = Path.Combine(s_folder, "scheduler", scheduler + ".safetensors");
        SchedulerCase c = SchedulerCase.Named(scheduler);
        SchedulerFixtureCase fixture = SchedulerFixture.Load(scheduler).Cases[^1];
        LRScheduler fresh = c.Create(SchedulerBatteryTests.BuildOptimizer(fixture), fixture.Options);

        fresh.Load(path);

        SafeTensorsFile file = SafeTensors.Load(path);
        Assert.Equal(file.Metadata[OptimizerFiles.SchedulerKey], StateDictEncoding.Encode(fresh.StateDict()));
    }

    /// <summary>Writes the files the tests above load: a few steps of each catalogued optimizer and scheduler.</summary>
    [Fact]
    public void WriteFiles()
    {
        if (Environment.GetEnvironmentVariable("DESCENT_WRITE_STATE_FILES") is not { Length: > 0 } root)
        {
            return;
        }
        string folder = Path.Combine(root, "state_files");
        Directory.CreateDirectory(Path.Combine(folder, "optimizer"));
        Directory.CreateDirectory(Path.Combine(folder, "scheduler"));
        foreach (OptimizerCase c in OptimizerCase.All)
        {
            Parameter[] ps = Parameters(c);
            Optimizer opt = c.SteppedWithState(ps);
            opt.Save(Path.Combine(folder, "optimizer", c.Name + ".safetensors"));
        }
        foreach (SchedulerCase c in SchedulerCase.All)
        {
            SchedulerFixtureCase fixture = SchedulerFixture.Load(c.Name).Cases[^1];
            Optimizer opt = SchedulerBatteryTests.BuildOptimizer(fixture);
            LRScheduler s = c.Create(opt, fixture.Options);
            for (int step = 1; step <= 25; step++)
            {
                opt.Step();
                c.Step(s, fixture.Metrics?[step - 1]);
            }
            s.Save(Path.Combine(folder, "scheduler", c.Name + ".safetensors"));
        }
    }

    private static Parameter[] Parameters(OptimizerCase c) =>
        [new(Tensor.Randn(c.Shaped(5), new Generator(1))), new(Tensor.Randn(c.Shaped(2, 3), new Generator(2)))];
}
