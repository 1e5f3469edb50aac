namespace Descent.Bench;

/// <summary>The chapter's spam experiment, Descent against the same PyTorch loop.</summary>
/// <param name="Descent">Seconds per whole run.</param>
/// <param name="Torch">PyTorch's median seconds per run, NaN without the peer.</param>
/// <param name="Epochs">Epochs per run.</param>
/// <param name="Steps">Optimizer steps per run.</param>
/// <param name="AllocatedPerStep">Managed bytes the training thread allocated per step over a whole run.</param>
internal sealed record SpamResult(Sample Descent, double Torch, int Epochs, int Steps, double AllocatedPerStep);
