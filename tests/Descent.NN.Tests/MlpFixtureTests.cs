using System.Text.Json;
using Xunit.Abstractions;
using F = Descent.NN.Functional;

namespace Descent.NN.Tests;

/// <summary>The PyTorch MLP of the fixture: same parameters in, same logits, loss and gradients out.</summary>
public sealed class MlpFixtureTests(ITestOutputHelper output)
{
    [Fact]
    public void ForwardLossAndGradientsMatchPyTorch()
    {
        JsonElement mlp = Fixture.Mlp;
        var model = new Sequential(new Linear(4, 8), new Tanh(), new Linear(8, 8), new ReLU(), new Linear(8, 3));
        var state = mlp.GetProperty("params").EnumerateObject().ToDictionary(p => p.Name, p => Fixture.ToTensor(p.Value));

        LoadStateDictResult loaded = model.LoadStateDict(state);
        Tensor logits = model.Forward(Fixture.ToTensor(mlp.GetProperty("x")));
        Tensor loss = F.CrossEntropy(logits, Fixture.ToTensor(mlp.GetProperty("target")));
        loss.Backward();

        Assert.Empty(loaded.MissingKeys);
        Assert.Empty(loaded.UnexpectedKeys);
        // PyTorch's named_parameters order is the fixture's key order.
        Assert.Equal(state.Keys, model.NamedParameters().Select(p => p.Name));
        double worst = Close.Assert(Fixture.ToTensor(mlp.GetProperty("output")), logits, "output");
        worst = Math.Max(worst, Close.Assert(Fixture.ToTensor(mlp.GetProperty("loss")), loss, "loss"));
        JsonElement grads = mlp.GetProperty("grads");
        foreach ((string name, Parameter parameter) in model.NamedParameters())
        {
            Assert.NotNull(parameter.Grad);
            worst = Math.Max(worst, Close.Assert(Fixture.ToTensor(grads.GetProperty(name)), parameter.Grad, $"grad {name}"));
        }
        output.WriteLine($"mlp: max relative error {worst:G3}");
    }
}
