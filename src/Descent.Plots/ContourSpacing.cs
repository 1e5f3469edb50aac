namespace Descent.Plots;

/// <summary>How the contour levels of a loss surface are spaced between its low and high values.</summary>
public enum ContourSpacing
{
    /// <summary>
    /// Levels grow geometrically above the surface's minimum on the grid: dense near the minimum, sparse on the
    /// walls. Suits surfaces that span orders of magnitude, such as Rosenbrock's or a badly conditioned quadratic.
    /// </summary>
    Logarithmic,

    /// <summary>Levels at equal steps of the loss.</summary>
    Linear,
}
