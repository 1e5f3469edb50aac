using System.Text.Json;
using Xunit.Abstractions;

namespace Descent.NN.Tests;

/// <summary>Every activation case of the fixture: y = f(x) and dx = ∂Σ(y·upstream)/∂x agree with PyTorch.</summary>
public sealed class ActivationFixtureTests(ITestOutputHelper output)
{
    public static TheoryData<int, string> Cases()
    {
        var data = new TheoryData<int, string>();
        for (int i = 0; i < Fixture.ActivationCount; i++)
        {
            JsonElement c = Fixture.Activation(i);
            data.Add(i, $"{c.GetProperty("name").GetString()} {c.GetProperty("options")}");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPyTorch(int index, string label)
    {
        JsonElement c = Fixture.Activation(index);
        Func<Tensor, Tensor> f = Build(c.GetProperty("name").GetString()!, c.GetProperty("options"));
        Tensor x = Fixture.ToTensor(c.GetProperty("x")).RequireGrad();

        Tensor y = f(x);
        (y * Fixture.ToTensor(c.GetProperty("upstream"))).Sum().Backward();

        double worst = Close.Assert(Fixture.ToTensor(c.GetProperty("y")), y, $"{label} y", out string worstValue);
        Assert.NotNull(x.Grad);
        double worstGrad = Close.Assert(Fixture.ToTensor(c.GetProperty("dx")), x.Grad, $"{label} dx", out string worstGradValue);
        output.WriteLine($"{label}: max relative error {Math.Max(worst, worstGrad):G3} ({(worst >= worstGrad ? worstValue : worstGradValue)})");
    }

    private static Func<Tensor, Tensor> Build(string name, JsonElement options) => name switch
    {
        "relu" => new ReLU().Forward,
        "tanh" => new Tanh().Forward,
        "sigmoid" => new Sigmoid().Forward,
        "gelu" when options.GetProperty("approximate").GetString() == "none" => new GELU().Forward,
        "elu" => new ELU(Fixture.Number(options, "alpha", 1.0)).Forward,
        "leaky_relu" => new LeakyReLU(Fixture.Number(options, "negative_slope", 0.01)).Forward,
        "softplus" => new Softplus(Fixture.Number(options, "beta", 1.0), Fixture.Number(options, "threshold", 20.0)).Forward,
        "softmax" => new Softmax(options.GetProperty("dim").GetInt32()).Forward,
        "log_softmax" => new LogSoftmax(options.GetProperty("dim").GetInt32()).Forward,
        "exp" => static x => x.Exp(),
        "log" => static x => x.Log(),
        "sqrt" => static x => x.Sqrt(),
        "abs" => static x => x.Abs(),
        "square" => static x => x.Square(),
        _ => throw new InvalidOperationException($"The fixture has an activation case this test does not know: {name} {options}."),
    };
}
