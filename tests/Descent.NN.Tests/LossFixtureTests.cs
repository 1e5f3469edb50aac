using System.Text.Json;
using Xunit.Abstractions;

namespace Descent.NN.Tests;

/// <summary>
/// Every loss case of the fixture, for each reduction: the loss and grad_input = ∂Σ(loss·upstream)/∂input agree
/// with PyTorch. The loss modules are used, so the functional forms they call are covered too.
/// </summary>
public sealed class LossFixtureTests(ITestOutputHelper output)
{
    public static TheoryData<int, string> Cases()
    {
        var data = new TheoryData<int, string>();
        for (int i = 0; i < Fixture.LossCount; i++)
        {
            JsonElement c = Fixture.Loss(i);
            data.Add(i, $"{c.GetProperty("name").GetString()} {c.GetProperty("reduction").GetString()} " +
                string.Join(",", c.GetProperty("options").EnumerateObject().Select(o => o.Name)) + $" #{i}");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPyTorch(int index, string label)
    {
        JsonElement c = Fixture.Loss(index);
        Loss loss = Build(c.GetProperty("name").GetString()!, ParseReduction(c.GetProperty("reduction").GetString()!), c.GetProperty("options"));
        Tensor input = Fixture.ToTensor(c.GetProperty("input")).RequireGrad();

        Tensor value = loss.Forward(input, Fixture.ToTensor(c.GetProperty("target")));
        (value * Fixture.ToTensor(c.GetProperty("upstream"))).Sum().Backward();

        double worst = Close.Assert(Fixture.ToTensor(c.GetProperty("output")), value, $"{label} output", out string worstValue);
        Assert.NotNull(input.Grad);
        double worstGrad = Close.Assert(Fixture.ToTensor(c.GetProperty("grad_input")), input.Grad, $"{label} grad_input", out string worstGradValue);
        output.WriteLine($"{label}: max relative error {Math.Max(worst, worstGrad):G3} ({(worst >= worstGrad ? worstValue : worstGradValue)})");
    }

    private static Reduction ParseReduction(string reduction) => reduction switch
    {
        "mean" => Reduction.Mean,
        "sum" => Reduction.Sum,
        "none" => Reduction.None,
        _ => throw new InvalidOperationException($"Unknown reduction {reduction} in the fixture."),
    };

    private static Loss Build(string name, Reduction reduction, JsonElement options)
    {
        Tensor? weight = Fixture.OptionalTensor(options, "weight");
        return name switch
        {
            "mse_loss" => new MSELoss(reduction),
            "l1_loss" => new L1Loss(reduction),
            "huber_loss" => new HuberLoss(reduction, Fixture.Number(options, "delta", 1.0)),
            "smooth_l1_loss" => new SmoothL1Loss(reduction, Fixture.Number(options, "beta", 1.0)),
            "cross_entropy" => new CrossEntropyLoss(weight, reduction: reduction,
                labelSmoothing: Fixture.Number(options, "label_smoothing", 0.0)),
            "nll_loss" => new NLLLoss(weight, reduction: reduction),
            "binary_cross_entropy" => new BCELoss(weight, reduction),
            "binary_cross_entropy_with_logits" => new BCEWithLogitsLoss(weight, reduction,
                Fixture.OptionalTensor(options, "pos_weight")),
            _ => throw new InvalidOperationException($"The fixture has a loss case this test does not know: {name}."),
        };
    }
}
