using F = Descent.NN.Functional;

namespace Descent.NN.Tests;

/// <summary>Loss semantics and errors beyond the fixture: validation, ignored samples, target layouts, extreme inputs.</summary>
public sealed class LossTests
{
    private static readonly Tensor s_logits = Tensor.Randn([4, 3], new Generator(1)) * 2f;

    [Theory]
    [InlineData(3f)]
    [InlineData(-1f)]
    [InlineData(7f)]
    public void OutOfRangeClassIsRejectedNamingValueAndClassCount(float bad)
    {
        Tensor target = Tensor.FromArray([0f, 1f, bad, 2f]);

        var error = Assert.Throws<ArgumentException>(() => F.CrossEntropy(s_logits, target));

        Assert.Contains($"target {bad}", error.Message);
        Assert.Contains("3 classes", error.Message);
        Assert.Throws<ArgumentException>(() => F.NllLoss(s_logits.LogSoftmax(1), target));
    }

    [Fact]
    public void NonIntegralClassIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => F.CrossEntropy(s_logits, Tensor.FromArray([0f, 1.5f, 2f, 2f])));

        Assert.Contains("1.5", error.Message);
        Assert.Contains("not an integer", error.Message);
    }

    [Fact]
    public void MismatchedShapesAreRejectedWithBothShapes()
    {
        var ce = Assert.Throws<ArgumentException>(() => F.CrossEntropy(s_logits, Tensor.FromArray([0f, 1f, 2f])));
        var mse = Assert.Throws<ArgumentException>(() => F.MseLoss(Tensor.Zeros(3), Tensor.Zeros(2)));
        var bce = Assert.Throws<ArgumentException>(() => F.BinaryCrossEntropyWithLogits(Tensor.Zeros(4, 3), Tensor.Zeros(4, 2)));

        Assert.Contains("[3]", ce.Message);
        Assert.Contains("[4,3]", ce.Message);
        Assert.Contains("[2]", mse.Message);
        Assert.Contains("[3]", mse.Message);
        Assert.Contains("[4,2]", bce.Message);
        Assert.Contains("[4,3]", bce.Message);
        Assert.Throws<ArgumentException>(() => F.L1Loss(Tensor.Zeros(3, 1), Tensor.Zeros(3)));
        Assert.Throws<ArgumentException>(() => F.HuberLoss(Tensor.Zeros(3), Tensor.Zeros(1)));
        Assert.Throws<ArgumentException>(() => F.BinaryCrossEntropy(Tensor.Zeros(3), Tensor.Zeros(2)));
    }

    [Fact]
    public void ClassWeightMustCoverEveryClass()
    {
        var error = Assert.Throws<ArgumentException>(() => F.CrossEntropy(s_logits, Tensor.FromArray([0f, 1f, 2f, 0f]), Tensor.Ones(2)));

        Assert.Contains("all 3 classes", error.Message);
    }

    [Theory]
    [InlineData(1.5f)]
    [InlineData(-0.01f)]
    [InlineData(float.NaN)]
    public void BinaryCrossEntropyRejectsInputsOutsideZeroOne(float bad)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            F.BinaryCrossEntropy(Tensor.FromArray([0.5f, bad]), Tensor.FromArray([1f, 0f])));

        Assert.Contains("between 0 and 1", error.Message);
    }

    [Fact]
    public void HyperparametersAreValidatedAsPyTorch()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HuberLoss(delta: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => F.HuberLoss(Tensor.Zeros(1), Tensor.Zeros(1), delta: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SmoothL1Loss(beta: -0.5));
        var smoothing = Assert.Throws<ArgumentOutOfRangeException>(() => new CrossEntropyLoss(labelSmoothing: 1.5));
        Assert.Contains("label_smoothing must be between 0.0 and 1.0. Got: 1.5", smoothing.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MSELoss((Reduction)7));
        Assert.Throws<ArgumentOutOfRangeException>(() => F.L1Loss(Tensor.Zeros(1), Tensor.Zeros(1), (Reduction)7));
    }

    [Fact]
    public void SmoothL1WithBetaZeroIsL1()
    {
        Tensor x = Tensor.Randn([10], new Generator(2));
        Tensor y = Tensor.Randn([10], new Generator(3));

        Assert.Equal(F.L1Loss(x, y).Item(), F.SmoothL1Loss(x, y, beta: 0).Item());
    }

    [Fact]
    public void IgnoredSamplesCountForNothing()
    {
        Tensor logits = s_logits.Detach().Clone().RequireGrad();
        Tensor target = Tensor.FromArray([0f, -100f, 2f, 1f]);

        Tensor loss = F.CrossEntropy(logits, target);
        Tensor perSample = F.CrossEntropy(s_logits, target, reduction: Reduction.None);
        Tensor kept = F.CrossEntropy(s_logits.IndexSelect(0, 0, 2, 3), Tensor.FromArray([0f, 2f, 1f]));
        loss.Backward();

        Assert.Equal(kept.Item(), loss.Item(), 6);
        Assert.Equal(0f, perSample[1]);
        Assert.All(logits.Grad!.IndexSelect(0, 1).ToArray(), g => Assert.Equal(0f, g));
        Assert.True(float.IsNaN(F.CrossEntropy(s_logits, Tensor.Full([4], -100f)).Item()));
    }

    [Fact]
    public void MaskedMinusInfinityLogitsDoNotPoisonTheLoss()
    {
        Tensor logits = Tensor.FromArray([float.NegativeInfinity, 1f, 2f, 0f, float.NegativeInfinity, 1f], 2, 3).RequireGrad();

        Tensor loss = F.CrossEntropy(logits, Tensor.FromArray([1f, -100f]), ignoreIndex: -100);
        loss.Backward();

        Assert.True(float.IsFinite(loss.Item()));
        Assert.All(logits.Grad!.ToArray(), g => Assert.True(float.IsFinite(g)));
    }

    [Fact]
    public void OneHotProbabilityTargetsEqualClassIndexTargets()
    {
        Tensor target = Tensor.FromArray([0f, 2f, 1f, 2f]);
        Tensor oneHot = Tensor.FromArray([1f, 0f, 0f, 0f, 0f, 1f, 0f, 1f, 0f, 0f, 0f, 1f], 4, 3);
        Tensor weight = Tensor.FromArray([0.5f, 2f, 1f]);

        Assert.Equal(F.CrossEntropy(s_logits, target).Item(), F.CrossEntropy(s_logits, oneHot).Item(), 5);
        Assert.Equal(F.CrossEntropy(s_logits, target, labelSmoothing: 0.1).Item(),
            F.CrossEntropy(s_logits, oneHot, labelSmoothing: 0.1).Item(), 5);
        float[] byIndex = F.CrossEntropy(s_logits, target, weight, reduction: Reduction.None).ToArray();
        float[] byProbability = F.CrossEntropy(s_logits, oneHot, weight, reduction: Reduction.None).ToArray();
        for (int i = 0; i < byIndex.Length; i++)
        {
            Assert.Equal(byIndex[i], byProbability[i], 5);
        }
    }

    [Fact]
    public void UnbatchedAndSpatialInputsAgreeWithTheTwoDimensionalForm()
    {
        Tensor target = Tensor.FromArray([0f, 2f, 1f, 2f]);
        float[] perSample = F.CrossEntropy(s_logits, target, reduction: Reduction.None).ToArray();

        // One sample: [C] logits and a scalar target.
        Tensor single = F.CrossEntropy(s_logits.IndexSelect(0, 1).Reshape(3), Tensor.Scalar(2f), reduction: Reduction.None);
        Assert.Empty(single.Shape);
        Assert.Equal(perSample[1], single.Item(), 6);

        // [N=2, C=3, d=2]: sample (n, d) is row 2n + d of the [4, 3] logits.
        Tensor spatial = s_logits.Reshape(2, 2, 3).Permute(0, 2, 1);
        Tensor spatialLoss = F.CrossEntropy(spatial, target.Reshape(2, 2), reduction: Reduction.None);
        Assert.Equal([2, 2], spatialLoss.Shape.ToArray());
        Assert.Equal(perSample, spatialLoss.ToArray());
    }

    [Fact]
    public void BinaryCrossEntropyIsFiniteAtZeroAndOne()
    {
        Tensor p = Tensor.FromArray([0f, 1f, 0f, 1f]).RequireGrad();
        Tensor y = Tensor.FromArray([1f, 0f, 0f, 1f]);

        Tensor loss = F.BinaryCrossEntropy(p, y, reduction: Reduction.None);
        loss.Sum().Backward();

        // Confidently wrong costs the clamp, 100; confidently right costs 0.
        Assert.Equal([100f, 100f, 0f, 0f], loss.ToArray().Select(Math.Abs));
        Assert.All(p.Grad!.ToArray(), g => Assert.True(float.IsFinite(g), $"gradient {g}"));
    }

    [Fact]
    public void BinaryCrossEntropyWithLogitsIsStableForLargeLogits()
    {
        Tensor x = Tensor.FromArray([100f, -100f, 100f, -100f]).RequireGrad();
        Tensor y = Tensor.FromArray([0f, 1f, 1f, 0f]);

        Tensor loss = F.BinaryCrossEntropyWithLogits(x, y, reduction: Reduction.None);
        loss.Sum().Backward();

        // Confidently right costs e^-100, which float32 keeps as a denormal; PyTorch 1.13 rounds it to 0.
        float[] l = loss.ToArray();
        float[] g = x.Grad!.ToArray();
        Assert.Equal([100f, 100f], l[..2]);
        Assert.Equal([1f, -1f], g[..2]);
        Assert.All(l[2..], v => Assert.InRange(v, 0f, 1e-40f));
        Assert.All(g[2..], v => Assert.InRange(Math.Abs(v), 0f, 1e-40f));
    }

    [Fact]
    public void BinaryCrossEntropyWithLogitsEqualsSigmoidThenBinaryCrossEntropy()
    {
        Tensor x = Tensor.Randn([5, 3], new Generator(4));
        Tensor y = Tensor.Rand([5, 3], new Generator(5));
        Tensor posWeight = Tensor.FromArray([0.5f, 1f, 3f]);

        float fused = F.BinaryCrossEntropyWithLogits(x, y).Item();
        float composed = F.BinaryCrossEntropy(x.Sigmoid(), y).Item();
        // With a positive-class weight p the positive term y·log σ(x) is multiplied by p.
        float weighted = F.BinaryCrossEntropyWithLogits(x, y, posWeight: posWeight, reduction: Reduction.Sum).Item();
        Tensor logP = x.Sigmoid().Log();
        Tensor log1MinusP = (1f - x.Sigmoid()).Log();
        float expected = -(posWeight * y * logP + (1f - y) * log1MinusP).Sum().Item();

        Assert.Equal(composed, fused, 5);
        Assert.Equal(expected, weighted, 4);
    }

    [Fact]
    public void LossModulesNeedATarget()
    {
        Loss loss = new MSELoss();
        Module asModule = loss;

        Assert.Throws<NotSupportedException>(() => asModule.Forward(Tensor.Zeros(2)));
        Assert.Equal(Reduction.Mean, loss.Reduction);
        Assert.Equal(0f, loss.Forward(Tensor.Ones(2), Tensor.Ones(2)).Item());
    }
}
