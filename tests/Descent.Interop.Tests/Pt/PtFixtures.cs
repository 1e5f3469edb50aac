using System.Text.Json;
using Descent.NN;
using Descent.Optim;

namespace Descent.Interop.Tests.Pt;

/// <summary>The .pt fixtures of <c>tools/reference/pt_files.py</c> (torch 1.13) and the model they were made with.</summary>
internal static class PtFixtures
{
    public const string Marker = "/tmp/descent-pt-hostile-marker";

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "pt");

    public static string File(string name) => Path.Combine(Folder, name);

    public static JsonElement Json(string name) => JsonDocument.Parse(System.IO.File.ReadAllText(File(name))).RootElement;

    /// <summary>A tensor stored as <c>{"dtype", "shape", "data"}</c>, narrowed to float32.</summary>
    public static Tensor ToTensor(JsonElement e)
    {
        int[] shape = e.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
        float[] data = e.GetProperty("data").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
        return shape.Length == 0 ? Tensor.Scalar(data[0]) : Tensor.FromArray(data, shape);
    }

    public static double[] Values(JsonElement e) => e.GetProperty("data").EnumerateArray().Select(v => v.GetDouble()).ToArray();

    /// <summary>Linear(4,8), Tanh, Linear(8,1): the script's model.</summary>
    public static Sequential Model() => new(new Linear(4, 8), new Tanh(), new Linear(8, 1));

    /// <summary>The script's optimizer.</summary>
    public static AdamW Optimizer(Module model) => new(model.Parameters(), lr: 0.01, betas: (0.9, 0.999), eps: 1e-8, weightDecay: 0.1);

    /// <summary>One full-batch AdamW step on MSE loss; returns the loss before the step.</summary>
    public static float Step(Module model, Optimizer optimizer, Tensor x, Tensor y)
    {
        optimizer.ZeroGrad();
        Tensor loss = Functional.MseLoss(model.Forward(x), y);
        loss.Backward();
        optimizer.Step();
        return loss.Item();
    }

    /// <summary>|expected − actual| ≤ rel·max(|e|, |a|) + abs, the optimizer fixtures' tolerance.</summary>
    public static void Close(ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, string what, double rel = 1e-5, double abs = 1e-7)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: expected {expected.Length} values, got {actual.Length}");
        for (int i = 0; i < expected.Length; i++)
        {
            double tolerance = rel * Math.Max(Math.Abs(expected[i]), Math.Abs(actual[i])) + abs;
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }
}
