namespace Descent.Tensors.Tests;

/// <summary>How gradients are recorded, accumulated and freed, and what grad mode and in-place writes allow.</summary>
public class AutogradTests
{
    [Fact]
    public void GradientsAccumulateAcrossBackwardCalls()
    {
        Tensor x = Tensor.FromArray([1f, 2f, 3f]).RequireGrad();
        (x * x).Sum().Backward();
        Assert.Equal([2f, 4f, 6f], x.Grad!.ToArray());
        (x * x).Sum().Backward();
        Assert.Equal([4f, 8f, 12f], x.Grad!.ToArray());
    }

    [Fact]
    public void SecondBackwardThroughAFreedGraphThrows()
    {
        Tensor x = Tensor.FromArray([1f, 2f]).RequireGrad();
        Tensor loss = (x * 3f).Sum();
        loss.Backward();
        var error = Assert.Throws<InvalidOperationException>(() => loss.Backward());
        Assert.Contains("second time", error.Message);
        Assert.Contains("retainGraph: true", error.Message);
        Assert.Equal([3f, 3f], x.Grad!.ToArray());
    }

    [Fact]
    public void RetainGraphAllowsASecondBackward()
    {
        Tensor x = Tensor.FromArray([1f, 2f]).RequireGrad();
        Tensor loss = (x * x * 3f).Sum();
        loss.Backward(retainGraph: true);
        loss.Backward();
        Assert.Equal([12f, 24f], x.Grad!.ToArray());
        Assert.Throws<InvalidOperationException>(() => loss.Backward());
    }

    [Fact]
    public void NoGradStopsRecordingAndNests()
    {
        Tensor x = Tensor.FromArray([1f, 2f]).RequireGrad();
        Assert.True(Autograd.IsGradEnabled);
        using (Autograd.NoGrad())
        {
            using (Autograd.NoGrad())
            {
                Assert.False(Autograd.IsGradEnabled);
            }
            // Still inside the outer scope.
            Assert.False(Autograd.IsGradEnabled);
            Tensor y = x * 2f;
            Assert.False(y.RequiresGrad);
            Assert.Null(y.GradFn);
        }
        Assert.True(Autograd.IsGradEnabled);
        Assert.Equal("MulBackward0", (x * 2f).GradFn!.Name);
    }

    [Fact]
    public void DisposingAScopeTwiceLeavesOnlyOnce()
    {
        using (Autograd.NoGrad())
        {
            var inner = Autograd.NoGrad();
            inner.Dispose();
            inner.Dispose();
            Assert.False(Autograd.IsGradEnabled);
        }
        Assert.True(Autograd.IsGradEnabled);
    }

    [Fact]
    public void NoGradIsThreadLocal()
    {
        Tensor x = Tensor.FromArray([1f, 2f]).RequireGrad();
        using (Autograd.NoGrad())
        {
            Tensor? fromOtherThread = null;
            var thread = new Thread(() => fromOtherThread = x * 2f);
            thread.Start();
            thread.Join();
            Assert.True(fromOtherThread!.RequiresGrad);
            Assert.NotNull(fromOtherThread.GradFn);
            Assert.False((x * 2f).RequiresGrad);
        }
    }

    [Fact]
    public void InPlaceWriteToALeafThatRequiresGradNeedsNoGrad()
    {
        Tensor x = Tensor.FromArray([1f, 2f]).RequireGrad();
        var error = Assert.Throws<InvalidOperationException>(() => x.AsSpan());
        Assert.Contains("NoGrad", error.Message);
        using (Autograd.NoGrad())
        {
            x.AsSpan()[0] = 5f;
        }
        Assert.Equal([5f, 2f], x.ToArray());
    }

    [Fact]
    public void InPlaceWriteToARecordedResultThrows()
    {
        Tensor x = Tensor.FromArray([1f, 2f]).RequireGrad();
        Tensor y = x * 2f;
        Assert.Throws<InvalidOperationException>(() => y.AsSpan());
        // A view of a leaf is not a leaf: writing to it would bypass the check on x.
        Assert.Throws<InvalidOperationException>(() => x.Reshape(2, 1).AsSpan());
        // A tensor that does not require grad can be written freely.
        Tensor plain = Tensor.Zeros(2);
        plain.AsSpan()[1] = 3f;
        Assert.Equal([0f, 3f], plain.ToArray());
    }

    [Fact]
    public void BackwardOnANonScalarThrows()
    {
        Tensor x = Tensor.FromArray([1f, 2f]).RequireGrad();
        var error = Assert.Throws<InvalidOperationException>(() => (x * 2f).Backward());
        Assert.Contains("[2]", error.Message);
        Assert.Contains("scalar", error.Message);
    }

    [Fact]
    public void BackwardWithAnExplicitGradient()
    {
        Tensor x = Tensor.FromArray([1f, 2f]).RequireGrad();
        (x * 3f).Backward(Tensor.FromArray([1f, 10f]));
        Assert.Equal([3f, 30f], x.Grad!.ToArray());
        Assert.Throws<ArgumentException>(() => (x * 3f).Backward(Tensor.Ones(3)));
    }

    [Fact]
    public void BackwardOnATensorThatDoesNotRequireGradThrows() =>
        Assert.Throws<InvalidOperationException>(() => Tensor.Ones(1).Sum().Backward());

    [Fact]
    public void ParameterIsALeafRequiringGradThatSharesItsBuffer()
    {
        Tensor data = Tensor.FromArray([1f, 2f]);
        var p = new Parameter(data);
        Assert.True(p.IsLeaf);
        Assert.True(p.RequiresGrad);
        Assert.Null(p.GradFn);
        data.AsSpan()[0] = 7f;
        Assert.Equal(7f, p[0]);
        Assert.False(new Parameter(data, requiresGrad: false).RequiresGrad);

        (p * p).Sum().Backward();
        Assert.Equal([14f, 4f], p.Grad!.ToArray());
    }

    [Fact]
    public void ParameterMadeFromAComputedTensorIsALeaf()
    {
        Tensor x = Tensor.Ones(2).RequireGrad();
        var p = new Parameter(x * 2f);
        Assert.True(p.IsLeaf);
        p.Sum().Backward();
        Assert.Null(x.Grad);
        Assert.Equal([1f, 1f], p.Grad!.ToArray());
    }

    [Fact]
    public void DetachSharesTheBufferAndDoesNotRequireGrad()
    {
        Tensor x = Tensor.FromArray([1f, 2f]).RequireGrad();
        Tensor y = (x * 2f).Detach();
        Assert.False(y.RequiresGrad);
        Assert.True(y.IsLeaf);
        Tensor d = x.Detach();
        Assert.False(d.RequiresGrad);
        d.AsSpan()[1] = 9f;
        Assert.Equal(9f, x[1]);
    }

    [Fact]
    public void TensorUsedTwiceGetsBothContributions()
    {
        Tensor x = Tensor.FromArray([3f]).RequireGrad();
        (x * x).Sum().Backward();
        Assert.Equal(6f, x.Grad!.Item());
    }

    [Fact]
    public void DiamondGraph()
    {
        // a feeds b and c, which meet again in d: d = (2a)·(a + 1) = 2a² + 2a, so ∂d/∂a = 4a + 2.
        Tensor a = Tensor.FromArray([1f, -2f, 0.5f]).RequireGrad();
        Tensor b = a * 2f;
        Tensor c = a + 1f;
        Tensor d = b * c;
        d.Sum().Backward();
        Assert.Equal([6f, -6f, 4f], a.Grad!.ToArray());
    }

    [Fact]
    public void DeepChainDoesNotOverflowTheStack()
    {
        // Backward is iterative: a graph deeper than any recursion limit still works.
        Tensor x = Tensor.FromArray([1f]).RequireGrad();
        Tensor y = x;
        for (int i = 0; i < 100_000; i++)
        {
            y = y + 0f;
        }
        y.Sum().Backward();
        Assert.Equal(1f, x.Grad!.Item());
    }

    [Fact]
    public void GradientReachesOnlyInputsThatRequireIt()
    {
        Tensor x = Tensor.FromArray([1f, 2f]).RequireGrad();
        Tensor w = Tensor.FromArray([3f, 4f]);
        (x * w).Sum().Backward();
        Assert.Equal([3f, 4f], x.Grad!.ToArray());
        Assert.Null(w.Grad);
    }

    [Fact]
    public void BroadcastGradientIsSummedToTheInputShape()
    {
        Tensor bias = Tensor.FromArray([1f, 2f, 3f]).RequireGrad();
        (Tensor.Ones(4, 3) * 2f + bias).Sum().Backward();
        Assert.Equal([4f, 4f, 4f], bias.Grad!.ToArray());
    }

    [Fact]
    public void RequiresGradCannotBeChangedOnANonLeaf()
    {
        Tensor y = Tensor.Ones(2).RequireGrad() * 2f;
        Assert.Throws<InvalidOperationException>(() => y.RequiresGrad = false);
    }

    [Fact]
    public void GradOfTheWrongShapeIsRefused()
    {
        Tensor x = Tensor.Ones(2, 3);
        Assert.Throws<ArgumentException>(() => x.Grad = Tensor.Ones(3, 2));
        x.Grad = Tensor.Zeros(2, 3);
        x.Grad = null;
        Assert.Null(x.Grad);
    }

    [Fact]
    public void GradIsAnIndependentCopy()
    {
        // The first gradient is stored as its own buffer, so that accumulating into it cannot change the graph.
        Tensor x = Tensor.FromArray([1f, 2f]).RequireGrad();
        Tensor upstream = Tensor.FromArray([1f, 1f]);
        x.Backward(upstream);
        x.Backward(upstream);
        Assert.Equal([1f, 1f], upstream.ToArray());
        Assert.Equal([2f, 2f], x.Grad!.ToArray());
    }

    [Fact]
    public void BackwardDoesNotRecordGradientOps()
    {
        Tensor x = Tensor.FromArray([1f, 2f]).RequireGrad();
        (x * x).Sum().Backward();
        Assert.False(x.Grad!.RequiresGrad);
        Assert.Null(x.Grad.GradFn);
    }

    public static TheoryData<string> ElementwiseRulesThatReuseTheirGradient() => new() { "relu", "dropout" };

    [Theory]
    [MemberData(nameof(ElementwiseRulesThatReuseTheirGradient))]
    public void ARuleThatReusesAGradientMadeForItGivesTheSameResultAndLeavesGivenGradientsAlone(string op)
    {
        // The same gradient G reaches the op twice: given by the caller, which the op must not overwrite, and made
        // by a linear layer's backward for the op alone (an identity weight passes G through exactly), which the op
        // may overwrite. Both must give x the same gradient, bit for bit.
        var generator = new Generator(3);
        Tensor inputs = Tensor.Randn([6, 5], generator);
        Tensor gradient = Tensor.Randn([6, 5], generator);
        float[] given = gradient.ToArray();
        Tensor Apply(Tensor h) => op == "relu" ? h.Relu() : h.Dropout(0.4, new Generator(11));

        Tensor x1 = inputs.Detach().Clone().RequireGrad();
        Apply(x1 * 2f).Backward(gradient);
        Assert.Equal(given, gradient.ToArray());

        Tensor x2 = inputs.Detach().Clone().RequireGrad();
        Tensor.Linear(Apply(x2 * 2f), Tensor.Eye(5)).Backward(gradient);
        Assert.Equal(given, gradient.ToArray());

        Assert.Equal(x1.Grad!.ToArray(), x2.Grad!.ToArray());
        Assert.Contains(0f, x1.Grad!.ToArray());
    }
}
