namespace Descent.Bench;

/// <summary>The larger MLP: training throughput, Descent against PyTorch.</summary>
/// <param name="Descent">Seconds per <paramref name="StepsPerSample"/> steps.</param>
/// <param name="TorchSamplesPerSecond">PyTorch's rows per second, NaN without the peer.</param>
/// <param name="StepsPerSample">Training steps in one timed repetition.</param>
/// <param name="AllocatedPerStep">Managed bytes the training thread allocated per step after warm-up.</param>
internal sealed record MlpResult(Sample Descent, double TorchSamplesPerSecond, int StepsPerSample, double AllocatedPerStep)
{
    public const int Batch = 256;

    public double SamplesPerSecond => Batch * StepsPerSample / Descent.Median;
}
