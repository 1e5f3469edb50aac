namespace Descent.Training;

/// <summary>Which rule produced an <see cref="LrFinderResult.SuggestedLr"/>.</summary>
public enum LrSuggestionRule
{
    /// <summary>The learning rate where the smoothed loss falls fastest against log lr (the usual rule).</summary>
    SteepestDescent,

    /// <summary>
    /// The learning rate of the lowest smoothed loss divided by 10 (fastai's <c>minimum</c> rule), used when too few
    /// points remain for a slope once the first and last points and those past the lowest loss are left out.
    /// </summary>
    MinimumOverTen,
}
