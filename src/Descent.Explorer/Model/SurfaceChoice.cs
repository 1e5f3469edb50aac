using Descent.Training.Examples;

namespace Descent.Explorer.Model;

/// <summary>
/// One entry of the surface picker: the training layer's surface by its command-line name, and for the quadratics
/// the condition number (the round bowl is the quadratic with κ = 1).
/// </summary>
/// <param name="Id">The picker's and the URL's name.</param>
/// <param name="Title">What the picker shows.</param>
/// <param name="CliName">The surface's name for <c>descent trajectory --surface</c>.</param>
/// <param name="HasCondition">Whether the condition number is a slider.</param>
public sealed record SurfaceChoice(string Id, string Title, string CliName, bool HasCondition)
{
    /// <summary>The condition number of the ill-conditioned quadratic unless the URL says otherwise.</summary>
    public const double DefaultCondition = 25;

    /// <summary>The picker's entries, in order.</summary>
    public static IReadOnlyList<SurfaceChoice> All { get; } =
    [
        new("linreg", "Linear regression (the chapter's)", "linreg", false),
        new("rosenbrock", "Rosenbrock", "rosenbrock", false),
        new("beale", "Beale", "beale", false),
        new("saddle", "Saddle", "saddle", false),
        new("quadratic", "Quadratic (round bowl)", "quadratic", false),
        new("ill-conditioned", "Ill-conditioned quadratic", "quadratic", true),
    ];

    /// <summary>The entry called <paramref name="id"/>, or null.</summary>
    public static SurfaceChoice? Find(string? id) => All.FirstOrDefault(c => c.Id == id);

    /// <summary>The condition number this entry uses given the slider's value.</summary>
    public double Condition(double slider) => Id switch
    {
        "quadratic" => 1,
        "ill-conditioned" => slider,
        _ => double.NaN,
    };

    /// <summary>Builds the surface.</summary>
    public LossSurface Create(double condition) => CliName == "quadratic"
        ? LossSurfaces.IllConditioned(Condition(condition))
        : LossSurfaces.Get(CliName);
}
