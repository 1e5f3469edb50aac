using ScottPlot;

namespace Descent.Plots.Rendering;

/// <summary>One plot of a figure and its share of the figure's height.</summary>
/// <param name="Plot">The plot, ready to render.</param>
/// <param name="HeightWeight">The panel's height relative to the other panels' weights.</param>
/// <param name="DataAspect">
/// The width-to-height ratio the data area must have, or null to fill the panel; the area is shrunk and centred.
/// </param>
internal readonly record struct FigurePanel(Plot Plot, float HeightWeight = 1f, double? DataAspect = null);
