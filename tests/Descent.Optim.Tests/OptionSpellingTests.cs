namespace Descent.Optim.Tests;

/// <summary>The registry takes PyTorch's and optax's keyword names for the same hyperparameters.</summary>
public sealed class OptionSpellingTests
{
    private static Parameter[] Point() => [new Parameter(Tensor.FromArray([0.5f, -1.5f, 2f, 0.25f], 2, 2))];

    /// <summary>Both spellings give the same group, and the same parameters after a few steps.</summary>
    public static TheoryData<string, Dictionary<string, object?>, Dictionary<string, object?>> Spellings() => new()
    {
        { "lion", new() { ["b1"] = 0.8, ["b2"] = 0.95, ["learning_rate"] = 0.01 }, new() { ["betas"] = (0.8, 0.95), ["lr"] = 0.01 } },
        { "lion", new() { ["b2"] = 0.95 }, new() { ["betas"] = (0.9, 0.95) } },
        { "adopt", new() { ["b1"] = 0.7, ["b2"] = 0.99 }, new() { ["betas"] = (0.7, 0.99) } },
        { "adam", new() { ["b1"] = 0.5 }, new() { ["betas"] = (0.5, 0.999) } },
        { "ademamix", new() { ["b1"] = 0.8, ["b2"] = 0.99, ["b3"] = 0.999, ["alpha"] = 5.0 }, new() { ["betas"] = new[] { 0.8, 0.99, 0.999 }, ["alpha"] = 5.0 } },
        { "lamb", new() { ["betas"] = (0.8, 0.99) }, new() { ["b1"] = 0.8, ["b2"] = 0.99 } },
        { "prodigy", new() { ["estim_lr0"] = 1e-5, ["estim_lr_coef"] = 2.0 }, new() { ["d0"] = 1e-5, ["d_coef"] = 2.0 } },
    };

    [Theory]
    [MemberData(nameof(Spellings))]
    public void OptaxAndPyTorchSpellingsBuildTheSameOptimizer(string name, Dictionary<string, object?> optax, Dictionary<string, object?> torch)
    {
        Parameter[] a = Point();
        Parameter[] b = Point();
        Optimizer fromOptax = OptimizerRegistry.Create(name, a, optax);
        Optimizer fromTorch = OptimizerRegistry.Create(name, b, torch);

        Assert.Equal(fromTorch.ParamGroups[0].ToDictionary().Keys.Order(), fromOptax.ParamGroups[0].ToDictionary().Keys.Order());
        for (int step = 0; step < 5; step++)
        {
            foreach (Parameter[] ps in new[] { a, b })
            {
                ps[0].Grad = Tensor.FromArray([0.3f - step, 1f, -0.5f * step, 2f], 2, 2);
            }
            fromOptax.Step();
            fromTorch.Step();
        }
        Assert.Equal(b[0].ToArray(), a[0].ToArray());
        Assert.NotEqual(Point()[0].ToArray(), a[0].ToArray());
    }

    [Fact]
    public void ABetaWithNoPlaceIsRefusedByName()
    {
        var e = Assert.Throws<ArgumentException>(() => OptimizerRegistry.Create("lion", Point(), new Dictionary<string, object?> { ["b3"] = 0.9 }));
        Assert.Equal("b3", e.ParamName);
    }

    [Fact]
    public void AnUnknownKeyIsStillRefusedByName()
    {
        var e = Assert.Throws<ArgumentException>(() => OptimizerRegistry.Create("lamb", Point(), new Dictionary<string, object?> { ["b9"] = 0.9 }));
        Assert.Contains("b9", e.Message);
    }
}
