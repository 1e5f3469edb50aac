namespace Descent.Bench;

/// <summary>A linear layer's shape: <see cref="Batch"/> rows, weight <see cref="FanOut"/> × <see cref="FanIn"/>.</summary>
internal sealed record LinearShape(string Model, int Batch, int FanIn, int FanOut)
{
    public double Flops => 2.0 * Batch * FanIn * FanOut;

    public string PeerKey => $"{Batch}x{FanIn}x{FanOut}";

    /// <summary>The layers of the spam MLP and of the larger MLP.</summary>
    public static IReadOnlyList<LinearShape> All { get; } =
    [
        new("spam", 32, 57, 100), new("spam", 32, 100, 2),
        new("mlp", 256, 784, 512), new("mlp", 256, 512, 512), new("mlp", 256, 512, 10),
    ];
}
