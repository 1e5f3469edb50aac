namespace Descent.Plots;

/// <summary>What the shaded band around a mean learning curve shows.</summary>
public enum CurveBand
{
    /// <summary>From the lowest to the highest run at each epoch.</summary>
    MinMax,

    /// <summary>The mean plus and minus one sample standard deviation (n − 1 in the denominator) of the runs.</summary>
    StandardDeviation,
}
