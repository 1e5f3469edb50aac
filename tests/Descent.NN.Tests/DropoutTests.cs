using F = Descent.NN.Functional;

namespace Descent.NN.Tests;

public sealed class DropoutTests
{
    [Fact]
    public void TrainingZeroesAboutPAndScalesTheRest()
    {
        var dropout = new Dropout(0.5, new Generator(1));

        float[] y = dropout.Forward(Tensor.Ones(10_000)).ToArray();

        Assert.All(y, v => Assert.True(v == 0f || v == 2f, $"unexpected value {v}"));
        double dropped = y.Count(v => v == 0f) / (double)y.Length;
        Assert.InRange(dropped, 0.47, 0.53);
        Assert.InRange(y.Average(), 0.94, 1.06);
    }

    [Fact]
    public void KeptValuesAreScaledByOneOverOneMinusP()
    {
        var dropout = new Dropout(0.2, new Generator(2));

        float[] y = dropout.Forward(Tensor.Full([1000], 3f)).ToArray();

        Assert.All(y, v => Assert.True(v == 0f || v == 3f * (1f / 0.8f), $"unexpected value {v}"));
        Assert.InRange(y.Count(v => v == 0f), 150, 250);
    }

    [Fact]
    public void EvalModeIsTheIdentity()
    {
        var dropout = new Dropout(0.5, new Generator(3));
        Tensor x = Tensor.Randn([100], new Generator(4));

        dropout.Eval();

        Assert.Same(x, dropout.Forward(x));
        Assert.Same(x, F.Dropout(x, 0.5, training: false));
    }

    [Fact]
    public void PZeroKeepsEverythingAndPOneDropsEverything()
    {
        Tensor x = Tensor.Randn([50], new Generator(5)).RequireGrad();

        Assert.Equal(x.ToArray(), new Dropout(0).Forward(x).ToArray());
        Tensor zeros = new Dropout(1).Forward(x);
        Assert.All(zeros.ToArray(), v => Assert.Equal(0f, Math.Abs(v)));
        zeros.Sum().Backward();
        Assert.All(x.Grad!.ToArray(), g => Assert.Equal(0f, g));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void ProbabilityOutsideZeroOneIsRejectedWithPyTorchsMessage(double p)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout(p));
        Assert.Contains("dropout probability has to be between 0 and 1, but got", error.Message);
        Assert.Equal("p", error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => F.Dropout(Tensor.Ones(2), p));
    }

    [Fact]
    public void SameSeedGivesSameMask()
    {
        Tensor x = Tensor.Ones(200);

        float[] a = new Dropout(0.3, new Generator(9)).Forward(x).ToArray();
        float[] b = new Dropout(0.3, new Generator(9)).Forward(x).ToArray();
        float[] c = new Dropout(0.3, new Generator(10)).Forward(x).ToArray();

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void SuccessiveCallsDrawNewMasks()
    {
        var dropout = new Dropout(0.5, new Generator(11));
        Tensor x = Tensor.Ones(200);

        Assert.NotEqual(dropout.Forward(x).ToArray(), dropout.Forward(x).ToArray());
    }

    [Fact]
    public void GradientIsTheScaledMask()
    {
        var dropout = new Dropout(0.25, new Generator(12));
        Tensor x = Tensor.Randn([300], new Generator(13)).RequireGrad();

        Tensor y = dropout.Forward(x);
        y.Sum().Backward();

        float[] yv = y.ToArray();
        float[] g = x.Grad!.ToArray();
        for (int i = 0; i < g.Length; i++)
        {
            Assert.Equal(yv[i] == 0f ? 0f : 1f / 0.75f, g[i]);
        }
    }

    [Fact]
    public void DropoutInsideAModelFollowsTrainAndEval()
    {
        var model = new Sequential(new Identity(), new Dropout(0.5, new Generator(14)));
        Tensor x = Tensor.Ones(100);

        Assert.Contains(model.Forward(x).ToArray(), v => v == 0f);
        model.Eval();
        Assert.Equal(x.ToArray(), model.Forward(x).ToArray());
    }
}
