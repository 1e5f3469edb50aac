namespace Descent.Training;

/// <summary>
/// A numeric hyperparameter in [<see cref="Lower"/>, <see cref="Upper"/>], searched uniformly or, with
/// <see cref="LogScale"/>, uniformly in its logarithm; <see cref="IntegerRange"/> and <see cref="NumericRange"/>
/// check the bounds and draw the values.
/// </summary>
/// <typeparam name="T">The type of the values.</typeparam>
public abstract class RangeParameter<T> : SearchParameter
    where T : struct
{
    private protected RangeParameter(string name, T lower, T upper, bool logScale)
        : base(name)
    {
        Lower = lower;
        Upper = upper;
        LogScale = logScale;
    }

    /// <summary>The smallest value.</summary>
    public T Lower { get; }

    /// <summary>The largest value.</summary>
    public T Upper { get; }

    /// <summary>Whether values are spread evenly in their logarithm.</summary>
    public bool LogScale { get; }
}
