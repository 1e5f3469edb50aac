using System.Text.Json;
using Descent.Optim.Serialization;
using Descent.Optim.Tests.Support;

namespace Descent.Optim.Tests.Wrappers;

public sealed class MultiStepsTests
{
    [Theory]
    [InlineData("adam")]
    [InlineData("sgd")]
    public void AccumulatingKBatchesEqualsOneStepOnTheirRows(string optimizer)
    {
        JsonElement c = AccumulationProblem.Fixture.GetProperty("cases").EnumerateArray().Single(e => e.GetProperty("optimizer").GetString() == optimizer);
        int k = AccumulationProblem.K, b = AccumulationProblem.B;
        Parameter[] p = AccumulationProblem.InitialParameters();
        var multi = new MultiSteps(AccumulationProblem.Create(optimizer, p), k);

        for (int mini = 0; mini < AccumulationProblem.Steps * k; mini++)
        {
            AccumulationProblem.Backward(p, mini * b, b);
            multi.Step();
            Assert.Equal(mini % k == k - 1, multi.HasUpdated);
        }

        Assert.Equal(AccumulationProblem.Steps, multi.GradientStep);
        FixtureTensor[] welford = c.GetProperty("multi_steps").EnumerateArray().Select(FixtureTensor.Parse).ToArray();
        FixtureTensor[] full = c.GetProperty("full_batch").EnumerateArray().Select(FixtureTensor.Parse).ToArray();
        for (int i = 0; i < p.Length; i++)
        {
            Close.Tensors(welford[i].Data, p[i].AsReadOnlySpan(), $"{optimizer} parameter {i} against optax's mean", rel: 1e-5, abs: 1e-6);
            Close.Tensors(full[i].Data, p[i].AsReadOnlySpan(), $"{optimizer} parameter {i} against the full batch", rel: 1e-5, abs: 1e-6);
        }
    }

    [Fact]
    public void ParametersAndInnerStateStayBetweenInnerSteps()
    {
        Parameter[] p = AccumulationProblem.InitialParameters();
        var multi = new MultiSteps(new Adam(p, lr: 0.05), 3);
        float[] before = p[0].ToArray();

        AccumulationProblem.Backward(p, 0, 8);
        multi.Step();
        AccumulationProblem.Backward(p, 8, 8);
        multi.Step();

        Assert.Equal(before, p[0].ToArray());
        Assert.Null(multi.GetState(p[0]));
        Assert.Equal(2, multi.MiniStep);
        Assert.False(multi.HasUpdated);
        Assert.NotNull(multi.GetAccumulatedGrad(p[0]));
        AccumulationProblem.Backward(p, 16, 8);
        multi.Step();
        Assert.NotEqual(before, p[0].ToArray());
        Assert.NotNull(multi.GetState(p[0]));
        Assert.Null(multi.GetAccumulatedGrad(p[0]));
    }

    [Fact]
    public void AMissingGradientCountsAsZerosInTheMean()
    {
        var p = new Parameter(Tensor.FromArray([0f, 0f, 0f], 3));
        var late = new Parameter(Tensor.FromArray([0f], 1));
        var multi = new MultiSteps(new SGD([p, late], lr: 1.0), 3);
        p.Grad = Tensor.FromArray([3f, -6f, 1.5f], 3);
        multi.Step();
        p.Grad = null;
        multi.Step();
        Assert.Null(multi.GetAccumulatedGrad(late));
        late.Grad = Tensor.FromArray([9f], 1);
        p.Grad = Tensor.FromArray([0f, 3f, 0f], 3);
        multi.Step();

        // Means over three mini-steps: p (3 + 0 + 0, −6 + 0 + 3, 1.5 + 0 + 0) / 3, late (0 + 0 + 9) / 3.
        Close.Tensors([-1f, 1f, -0.5f], p.AsReadOnlySpan(), "p");
        Close.Tensors([-3f], late.AsReadOnlySpan(), "late");
    }

    [Fact]
    public void ResumesExactlyInTheMiddleOfAnAccumulationThroughAFile()
    {
        int k = AccumulationProblem.K, b = AccumulationProblem.B, total = AccumulationProblem.Steps * k;
        Parameter[] straight = AccumulationProblem.InitialParameters();
        var uninterrupted = new MultiSteps(new Adam(straight, lr: 0.05), k);
        for (int mini = 0; mini < total; mini++)
        {
            AccumulationProblem.Backward(straight, mini * b, b);
            uninterrupted.Step();
        }

        Parameter[] first = AccumulationProblem.InitialParameters();
        var before = new MultiSteps(new Adam(first, lr: 0.05), k);
        int stop = k + 2;
        for (int mini = 0; mini < stop; mini++)
        {
            AccumulationProblem.Backward(first, mini * b, b);
            before.Step();
        }
        string path = Path.Combine(Path.GetTempPath(), $"descent-multisteps-{Guid.NewGuid():N}.safetensors");
        try
        {
            before.Save(path);
            Parameter[] second = first.Select(q => new Parameter(q.Clone())).ToArray();
            var after = new MultiSteps(new Adam(second, lr: 0.05), k);
            after.Load(path);
            Assert.Equal(2, after.MiniStep);
            Assert.Equal(1, after.GradientStep);
            for (int mini = stop; mini < total; mini++)
            {
                AccumulationProblem.Backward(second, mini * b, b);
                after.Step();
            }
            for (int i = 0; i < straight.Length; i++)
            {
                Close.Bitwise(straight[i].AsReadOnlySpan(), second[i].AsReadOnlySpan(), $"parameter {i}");
            }
            Close.StateDicts(uninterrupted.StateDict(), after.StateDict());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void StateDictNamesTheWrapperAndOptaxKeys()
    {
        Parameter[] p = AccumulationProblem.InitialParameters();
        var multi = new MultiSteps(new Adam(p), 4);
        AccumulationProblem.Backward(p, 0, 8);
        multi.Step();

        OptimizerStateDict state = multi.StateDict();

        Assert.Equal("MultiSteps(Adam)", state.OptimizerType);
        Assert.Equal(1, state.ParamGroups[0].Hyperparameters["mini_step"]);
        Assert.Equal(0, state.ParamGroups[0].Hyperparameters["gradient_step"]);
        Assert.Equal(4, state.ParamGroups[0].Hyperparameters["every_k_schedule"]);
        Assert.Equal(["acc_grads"], state.State[0].Keys);
    }

    [Fact]
    public void LoadRefusesAnotherKAndLeavesEverythingUnchanged()
    {
        Parameter[] p = AccumulationProblem.InitialParameters();
        var four = new MultiSteps(new Adam(p), 4);
        AccumulationProblem.Backward(p, 0, 8);
        four.Step();
        var three = new MultiSteps(new Adam(p), 3);
        AccumulationProblem.Backward(p, 8, 8);
        three.Step();
        OptimizerStateDict before = three.StateDict();

        var e = Assert.Throws<ArgumentException>(() => three.LoadStateDict(four.StateDict()));
        Assert.Contains("every 4 mini-steps", e.Message);
        Assert.Throws<ArgumentException>(() => new Adam(p).LoadStateDict(four.StateDict()));
        Close.StateDicts(before, three.StateDict());
    }

    [Fact]
    public void ANonStrictLoadMapsTheAccumulatorByName()
    {
        var w = new Parameter(Tensor.FromArray([1f, 2f], 2));
        var b = new Parameter(Tensor.FromArray([3f], 1));
        var saved = new MultiSteps(new Adam([new ParamGroup([("w", w), ("b", b)])]), 3);
        w.Grad = Tensor.FromArray([0.5f, -0.5f], 2);
        b.Grad = Tensor.FromArray([2f], 1);
        saved.Step();

        var w2 = new Parameter(Tensor.FromArray([1f, 2f], 2));
        var b2 = new Parameter(Tensor.FromArray([3f], 1));
        var extra = new Parameter(Tensor.FromArray([0f], 1));
        var loaded = new MultiSteps(new Adam([new ParamGroup([("b", b2), ("extra", extra), ("w", w2)])]), 3);
        OptimizerLoadResult result = loaded.LoadStateDict(saved.StateDict(), strict: false);

        Assert.Equal(["extra"], result.MissingNames);
        Assert.Empty(result.UnexpectedNames);
        Assert.Equal(1, loaded.MiniStep);
        Assert.Equal([0.5f, -0.5f], loaded.GetAccumulatedGrad(w2)!.ToArray());
        Assert.Equal([2f], loaded.GetAccumulatedGrad(b2)!.ToArray());
        Assert.Null(loaded.GetAccumulatedGrad(extra));
        Assert.Throws<ArgumentException>(() => loaded.LoadStateDict(saved.StateDict()));
    }

    [Fact]
    public void RefusesLbfgsAndKBelowOne()
    {
        Parameter[] p = AccumulationProblem.InitialParameters();
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultiSteps(new Adam(p), 0));
        Assert.Contains("LBFGS", Assert.Throws<ArgumentException>(() => new MultiSteps(new LBFGS(p), 2)).Message);
    }

    [Fact]
    public void SharesGroupsSoAScheduleReachesTheInnerOptimizer()
    {
        Parameter[] p = AccumulationProblem.InitialParameters();
        var adam = new Adam(p, lr: 0.1);
        var multi = new MultiSteps(adam, 2);
        var schedule = new StepLR(multi, stepSize: 1, gamma: 0.5);
        schedule.Step();
        Assert.Equal(0.05, adam.ParamGroups[0].Lr, 12);
        Assert.Same(adam.ParamGroups[0], multi.ParamGroups[0]);
    }
}
