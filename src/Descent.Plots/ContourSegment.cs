namespace Descent.Plots;

/// <summary>One straight piece of a contour line, from <paramref name="A"/> to <paramref name="B"/>.</summary>
public readonly record struct ContourSegment((double X, double Y) A, (double X, double Y) B);
