namespace Descent.Optim.Schedulers;

/// <summary>The amplitude policy of <see cref="CyclicLR"/> (PyTorch's <c>mode</c>).</summary>
public enum CyclicLRMode
{
    /// <summary>Every cycle has the full amplitude: scale(cycle) = 1.</summary>
    Triangular,

    /// <summary>The amplitude halves every cycle: scale(cycle) = 1 / 2^(cycle − 1).</summary>
    Triangular2,

    /// <summary>The amplitude decays every iteration: scale(t) = γᵗ.</summary>
    ExpRange,
}
