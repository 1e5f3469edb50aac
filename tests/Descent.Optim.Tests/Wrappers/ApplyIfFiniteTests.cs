using Descent.Optim.Serialization;
using Descent.Optim.Tests.Support;

namespace Descent.Optim.Tests.Wrappers;

public sealed class ApplyIfFiniteTests
{
    private static readonly float[][] s_grads =
    [
        [0.5f, -1f, 2f],
        [float.NaN, 1f, 1f],
        [0.25f, 0.25f, -0.5f],
        [1f, float.PositiveInfinity, 0f],
        [1f, float.NegativeInfinity, 0f],
        [-2f, 1f, 0.5f],
    ];

    [Fact]
    public void SkipsNonFiniteStepsAsIfTheyNeverHappened()
    {
        var p = new Parameter(Tensor.FromArray([1f, 2f, 3f], 3));
        var guarded = new ApplyIfFinite(new Adam([p], lr: 0.1), maxConsecutiveErrors: 2);
        var q = new Parameter(Tensor.FromArray([1f, 2f, 3f], 3));
        var finiteOnly = new Adam([q], lr: 0.1);

        foreach (float[] g in s_grads)
        {
            p.Grad = Tensor.FromArray([.. g], 3);
            guarded.Step();
            if (g.All(float.IsFinite))
            {
                q.Grad = Tensor.FromArray([.. g], 3);
                finiteOnly.Step();
            }
            Close.Bitwise(q.AsReadOnlySpan(), p.AsReadOnlySpan(), $"after grad [{string.Join(", ", g)}]");
        }

        Assert.Equal(3, guarded.TotalNotFinite);
        Assert.Equal(0, guarded.NotFiniteCount);
        Assert.True(guarded.LastFinite);
        Assert.Equal(3, ((AdamState)guarded.GetState(p)!).Step);
    }

    [Fact]
    public void GivesUpAfterMaxConsecutiveErrors()
    {
        var p = new Parameter(Tensor.FromArray([1f, 2f], 2));
        var guarded = new ApplyIfFinite(new SGD([p], lr: 0.1), maxConsecutiveErrors: 1);
        p.Grad = Tensor.FromArray([float.NaN, 1f], 2);
        guarded.Step();
        Assert.Equal([1f, 2f], p.ToArray());
        Assert.Equal(1, guarded.NotFiniteCount);
        Assert.False(guarded.LastFinite);

        guarded.Step();

        Assert.Equal(2, guarded.NotFiniteCount);
        Assert.True(float.IsNaN(p.ToArray()[0]));
        Assert.Equal(1.9, p.ToArray()[1], 5);
    }

    [Fact]
    public void CountersResumeThroughAFileAroundAnAccumulation()
    {
        var p = new Parameter(Tensor.FromArray([1f, 2f, 3f], 3));
        var guarded = new ApplyIfFinite(new MultiSteps(new Adam([p], lr: 0.1), 2), maxConsecutiveErrors: 3);
        foreach (float[] g in s_grads[..4])
        {
            p.Grad = Tensor.FromArray([.. g], 3);
            guarded.Step();
        }
        string path = Path.Combine(Path.GetTempPath(), $"descent-finite-{Guid.NewGuid():N}.safetensors");
        try
        {
            guarded.Save(path);
            var copy = new Parameter(p.Clone());
            var resumed = new ApplyIfFinite(new MultiSteps(new Adam([copy], lr: 0.1), 2), maxConsecutiveErrors: 3);
            resumed.Load(path);

            Assert.Equal("ApplyIfFinite(MultiSteps(Adam))", resumed.StateDict().OptimizerType);
            Assert.Equal(1, resumed.NotFiniteCount);
            Assert.Equal(2, resumed.TotalNotFinite);
            Assert.False(resumed.LastFinite);
            // Two finite mini-batches were accumulated: one inner step, nothing pending.
            Assert.Equal(1, ((MultiSteps)resumed.Inner).GradientStep);
            Close.StateDicts(guarded.StateDict(), resumed.StateDict());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void RefusesANegativeLimit() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ApplyIfFinite(new SGD([new Parameter(Tensor.Zeros(1))]), -1));
}
