using Descent.Kernels;
using Descent.Optim.Tests.Support;

namespace Descent.Optim.Tests;

/// <summary>After warm-up an optimizer step allocates nothing: no per-step garbage in long training runs.</summary>
[Collection(SoloCollection.Name)]
public sealed class AllocationTests
{
    public static TheoryData<string> Optimizers() =>
    [
        "SGD", "SGD momentum nesterov", "Adam", "AdamW amsgrad", "RMSprop centered momentum", "Adagrad", "Adadelta",
        "Adamax", "NAdam", "RAdam", "ASGD", "Rprop",
    ];

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void StepAllocatesNothingAfterWarmUp(string name)
    {
        Parameter[] ps = [new(Tensor.Randn([100, 57], new Generator(1))), new(Tensor.Randn([100], new Generator(2))), new(Tensor.Randn([3], new Generator(3)))];
        AssertStepsAllocateNothing(name, ps);
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void ChunkedStepAllocatesNothingAfterWarmUpOnAnyThread(string name)
    {
        // Above the threshold, so that the step is split across the worker pool.
        Parameter[] ps = [new(Tensor.Randn([ElementwiseUpdate.ParallelThreshold + 1000], new Generator(1))), new(Tensor.Randn([10], new Generator(2)))];
        long helpersBefore = 0;
        AssertStepsAllocateNothing(name, ps, afterWarmUp: () =>
        {
            // A thread's first blocking wait allocates its wait state once (about 2 KB); whether the warm-up steps
            // happened to block depends on timing, so block once here rather than let that land in a measured step.
            BlockOnce();
            helpersBefore = WorkerPool.Shared.HelperAllocatedBytes;
        });
        Assert.Equal(helpersBefore, WorkerPool.Shared.HelperAllocatedBytes);
    }

    private static void AssertStepsAllocateNothing(string name, Parameter[] ps, Action? afterWarmUp = null)
    {
        Optimizer opt = Create(name, ps);
        foreach (Parameter p in ps)
        {
            p.Grad = Tensor.Randn([.. p.Shape], new Generator(4));
        }
        for (int i = 0; i < 3; i++)
        {
            opt.Step();
        }
        afterWarmUp?.Invoke();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
        {
            opt.Step();
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    private static void BlockOnce()
    {
        using var gate = new SemaphoreSlim(0);
        var releaser = new Thread(() =>
        {
            Thread.Sleep(20);
            gate.Release();
        });
        releaser.Start();
        gate.Wait();
        releaser.Join();
    }

    private static Optimizer Create(string name, Parameter[] ps) => name switch
    {
        "SGD" => new SGD(ps, lr: 0.01),
        "SGD momentum nesterov" => new SGD(ps, lr: 0.01, momentum: 0.9, nesterov: true, weightDecay: 1e-4),
        "Adam" => new Adam(ps, weightDecay: 0.1),
        "AdamW amsgrad" => new AdamW(ps, amsgrad: true),
        "RMSprop centered momentum" => new RMSprop(ps, momentum: 0.9, centered: true, weightDecay: 1e-4),
        "Adagrad" => new Adagrad(ps, lrDecay: 0.01),
        "Adadelta" => new Adadelta(ps),
        "Adamax" => new Adamax(ps),
        "NAdam" => new NAdam(ps, decoupledWeightDecay: true, weightDecay: 0.01),
        "RAdam" => new RAdam(ps),
        "ASGD" => new ASGD(ps, t0: 1),
        "Rprop" => new Rprop(ps),
        _ => throw new ArgumentException(name),
    };
}
