using System.Text.Json;

namespace Descent.NN.Tests;

/// <summary>The PyTorch reference values of <c>tools/reference/nn_reference.py</c>, read once.</summary>
internal static class Fixture
{
    private static readonly Lazy<JsonDocument> s_document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "nn_reference.json"))));

    public static JsonElement Root => s_document.Value.RootElement;

    public static JsonElement Mlp => Root.GetProperty("mlp");

    public static JsonElement Activation(int index) => Root.GetProperty("activations")[index];

    public static JsonElement Loss(int index) => Root.GetProperty("losses")[index];

    public static int ActivationCount => Root.GetProperty("activations").GetArrayLength();

    public static int LossCount => Root.GetProperty("losses").GetArrayLength();

    /// <summary>A tensor stored as <c>{"shape": [...], "data": [...]}</c>; each double narrows to the float32 PyTorch had.</summary>
    public static Tensor ToTensor(JsonElement element)
    {
        int[] shape = element.GetProperty("shape").EnumerateArray().Select(static d => d.GetInt32()).ToArray();
        float[] data = element.GetProperty("data").EnumerateArray().Select(static v => (float)v.GetDouble()).ToArray();
        return shape.Length == 0 ? Tensor.Scalar(data[0]) : Tensor.FromArray(data, shape);
    }

    /// <summary>The tensor under <paramref name="name"/>, or null when absent.</summary>
    public static Tensor? OptionalTensor(JsonElement options, string name) =>
        options.TryGetProperty(name, out JsonElement value) ? ToTensor(value) : null;

    /// <summary>The number under <paramref name="name"/>, or <paramref name="fallback"/> when absent.</summary>
    public static double Number(JsonElement options, string name, double fallback) =>
        options.TryGetProperty(name, out JsonElement value) ? value.GetDouble() : fallback;
}
