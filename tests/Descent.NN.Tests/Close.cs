namespace Descent.NN.Tests;

/// <summary>
/// Element-wise agreement with a reference: |actual − expected| ≤ Rtol·max(|actual|, |expected|) + Atol, the
/// tolerance every fixture comparison in this project uses.
/// </summary>
internal static class Close
{
    public const double Rtol = 1e-5;
    public const double Atol = 1e-6;

    /// <summary>
    /// Asserts shape and values agree; returns the largest relative error |a − b| / max(|a|, |b|) seen among
    /// elements of magnitude at least <see cref="Atol"/> (smaller ones are zero at this tolerance's resolution).
    /// </summary>
    public static double Assert(Tensor expected, Tensor actual, string what) => Assert(expected, actual, what, out _);

    /// <summary>As <see cref="Assert(Tensor, Tensor, string)"/>, also describing the element with the largest relative error.</summary>
    public static double Assert(Tensor expected, Tensor actual, string what, out string worst)
    {
        Xunit.Assert.True(expected.Shape.SequenceEqual(actual.Shape),
            $"{what}: shape [{string.Join(",", actual.Shape)}], expected [{string.Join(",", expected.Shape)}]");
        ReadOnlySpan<float> e = expected.AsReadOnlySpan();
        ReadOnlySpan<float> a = actual.AsReadOnlySpan();
        double maxRelative = 0;
        worst = "none";
        for (int i = 0; i < e.Length; i++)
        {
            double scale = Math.Max(Math.Abs(e[i]), Math.Abs(a[i]));
            double error = Math.Abs((double)a[i] - e[i]);
            if (!(error <= Rtol * scale + Atol))
            {
                Xunit.Assert.Fail($"{what}[{i}]: got {a[i]:R}, expected {e[i]:R} (error {error:G3})");
            }
            if (scale >= Atol && error / scale > maxRelative)
            {
                maxRelative = error / scale;
                worst = $"{what}[{i}]: got {a[i]:R}, expected {e[i]:R}";
            }
        }
        return maxRelative;
    }
}
