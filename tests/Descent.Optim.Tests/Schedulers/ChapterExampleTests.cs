namespace Descent.Optim.Tests.Schedulers;

/// <summary>The scheduler example of the documentation, with what PyTorch prints for it.</summary>
public sealed class ChapterExampleTests
{
    [Fact]
    public void AStepLRStepShowsInTheOptimizersStateDict()
    {
        var optimizer = new AdamW([new Parameter(Tensor.Zeros(3))], lr: 0.2);
        var scheduler = new StepLR(optimizer, stepSize: 1, gamma: 0.1);
        optimizer.Step();
        scheduler.Step();

        string printed = optimizer.StateDict().ToString();
        // 0.2 · 0.1 in double is 0.020000000000000004, and PyTorch 1.13 prints exactly that:
        // {'lr': 0.020000000000000004, ..., 'initial_lr': 0.2, 'params': [0]}
        Assert.Contains("lr: 0.020000000000000004", printed);
        Assert.Contains("initial_lr: 0.2", printed);
        Assert.Equal([0.020000000000000004], scheduler.GetLastLr());
    }
}
