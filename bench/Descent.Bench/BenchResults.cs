namespace Descent.Bench;

/// <summary>Everything one run of the harness measured; null for a section that did not run.</summary>
internal sealed record BenchResults(
    BenchOptions Options,
    MachineInfo Machine,
    DateTimeOffset Started,
    TimeSpan Duration,
    string LoadAverageAfter,
    string? TorchVersion,
    string? PeerBlas,
    bool PeerOnReferenceBlas,
    IReadOnlyList<BandwidthResult>? Bandwidth,
    IReadOnlyList<OptimizerResult>? Optimizers,
    SpamResult? Spam,
    MlpResult? Mlp,
    IReadOnlyList<MatMulResult>? MatMul);
