namespace Descent.Training;

/// <summary>The outcome of an <see cref="LrFinder"/> run: the curve and the suggested learning rate.</summary>
public sealed class LrFinderResult(IReadOnlyList<LrFinderPoint> curve, double suggestedLr, int suggestedIndex, LrSuggestionRule rule, string? stopReason, ulong seed)
{

    /// <summary>Learning rate, loss and smoothed loss of every batch trained, learning rates increasing.</summary>
    public IReadOnlyList<LrFinderPoint> Curve { get; } = curve;

    /// <summary>The suggested learning rate (see <see cref="LrFinder"/> for the rule).</summary>
    public double SuggestedLr { get; } = suggestedLr;

    /// <summary>The index in <see cref="Curve"/> the suggestion was read from.</summary>
    public int SuggestedIndex { get; } = suggestedIndex;

    /// <summary>Which rule gave the suggestion.</summary>
    public LrSuggestionRule SuggestionRule { get; } = rule;

    /// <summary>Why the test ended before its last batch (the loss diverged or became non-finite), or null.</summary>
    public string? StopReason { get; } = stopReason;

    /// <summary>The seed of the network's initialization and the batch order.</summary>
    public ulong Seed { get; } = seed;
}
