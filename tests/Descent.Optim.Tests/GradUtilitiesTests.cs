using System.Text.Json;
using Descent.Optim.Tests.Support;

namespace Descent.Optim.Tests;

public sealed class GradUtilitiesTests
{
    private static readonly JsonElement s_fixture = JsonDocument.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "grad_utils.json"))).RootElement;

    private static Parameter[] WithGrads(JsonElement grads) => grads.EnumerateArray()
        .Select(g =>
        {
            Tensor grad = FixtureTensor.Parse(g).ToTensor();
            return new Parameter(Tensor.Zeros([.. grad.Shape])) { Grad = grad };
        })
        .ToArray();

    [Fact]
    public void ClipGradNormMatchesPyTorchForEveryNormType()
    {
        foreach (JsonElement c in s_fixture.GetProperty("clip_grad_norm").EnumerateArray())
        {
            double normType = c.GetProperty("norm_type").ValueKind == JsonValueKind.String
                ? double.PositiveInfinity
                : c.GetProperty("norm_type").GetDouble();
            double maxNorm = c.GetProperty("max_norm").GetDouble();
            Parameter[] ps = WithGrads(c.GetProperty("grads"));

            float total = GradClip.ClipGradNorm(ps, maxNorm, normType);

            string what = $"p = {normType}, max = {maxNorm}";
            Close.Tensors([(float)c.GetProperty("total_norm").GetDouble()], [total], $"{what}: total norm");
            FixtureTensor[] clipped = c.GetProperty("clipped").EnumerateArray().Select(FixtureTensor.Parse).ToArray();
            for (int i = 0; i < ps.Length; i++)
            {
                Close.Tensors(clipped[i].Data, ps[i].Grad!.AsReadOnlySpan(), $"{what}: grad {i}");
            }
        }
    }

    [Fact]
    public void ClipGradValueMatchesPyTorch()
    {
        JsonElement c = s_fixture.GetProperty("clip_grad_value")[0];
        Parameter[] ps = WithGrads(c.GetProperty("grads"));
        GradClip.ClipGradValue(ps, c.GetProperty("clip_value").GetDouble());
        FixtureTensor[] clipped = c.GetProperty("clipped").EnumerateArray().Select(FixtureTensor.Parse).ToArray();
        for (int i = 0; i < ps.Length; i++)
        {
            Close.Bitwise(clipped[i].Data, ps[i].Grad!.AsReadOnlySpan(), $"grad {i}");
        }
    }

    [Fact]
    public void ClipGradNormSkipsMissingGradientsAndReportsNonFiniteNorms()
    {
        var none = new Parameter(Tensor.Ones(3));
        Assert.Equal(0f, GradClip.ClipGradNorm([none], 1.0));

        var bad = new Parameter(Tensor.Ones(2)) { Grad = Tensor.FromArray([1f, float.NaN]) };
        var e = Assert.Throws<InvalidOperationException>(() => GradClip.ClipGradNorm([bad], 1.0, errorIfNonfinite: true));
        Assert.Contains("non-finite", e.Message);
        Assert.Equal(1f, bad.Grad!.ToArray()[0]);

        Assert.Throws<ArgumentOutOfRangeException>(() => GradClip.ClipGradNorm([bad], 1.0, normType: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradClip.ClipGradValue([bad], -1));
    }

    [Theory]
    [InlineData("swa")]
    [InlineData("ema")]
    public void AveragedModelMatchesPyTorch(string kind)
    {
        JsonElement c = s_fixture.GetProperty("averaged_model").EnumerateArray().Single(x => x.GetProperty("kind").GetString() == kind);
        var model = new[] { new Parameter(Tensor.Zeros(2, 3)), new Parameter(Tensor.Zeros(2)) };
        AveragedModel average = kind == "swa"
            ? AveragedModel.StochasticWeightAveraging(model)
            : AveragedModel.ExponentialMovingAverage(model, c.GetProperty("decay").GetDouble());
        JsonElement[] updates = c.GetProperty("updates").EnumerateArray().ToArray();
        JsonElement[] averages = c.GetProperty("averages").EnumerateArray().ToArray();
        for (int step = 0; step < updates.Length; step++)
        {
            using (Autograd.NoGrad())
            {
                for (int i = 0; i < model.Length; i++)
                {
                    FixtureTensor.Parse(updates[step][i]).Data.CopyTo(model[i].AsSpan());
                }
            }
            average.UpdateParameters(model);
            for (int i = 0; i < model.Length; i++)
            {
                Close.Tensors(FixtureTensor.Parse(averages[step][i]).Data, average.Parameters[i].AsReadOnlySpan(), $"{kind} step {step} param {i}");
            }
        }
        Assert.Equal(updates.Length, average.NumAveraged);

        average.CopyTo(model);
        Close.Bitwise(average.Parameters[0].AsReadOnlySpan(), model[0].AsReadOnlySpan(), "copied average");
    }

    [Fact]
    public void AveragedModelRefusesAModelOfAnotherLayout()
    {
        var average = new AveragedModel([new Parameter(Tensor.Zeros(2, 3))]);
        Assert.Throws<ArgumentException>(() => average.UpdateParameters([new Parameter(Tensor.Zeros(3, 2))]));
        Assert.Throws<ArgumentException>(() => average.UpdateParameters([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => AveragedModel.ExponentialMovingAverage([], 1.5));
    }
}
