using Descent.Kernels;

namespace Descent.Tensors.Tests;

/// <summary>Activation kernels against double-precision formulas and against tables of high-precision values.</summary>
public class ActivationKernelTests
{
    private const int MaxLength = 257;

    // erf(x) from the C library's correctly rounded erf (Python's math.erf), x = 0.5, 1, 2, 3 as given by
    // standard tables (Abramowitz & Stegun 7.1) to the digits shown, and a few more points.
    public static TheoryData<double, double> ErfTable => new()
    {
        { 0.5, 0.5204998778130465 },
        { 1.0, 0.8427007929497149 },
        { 2.0, 0.9953222650189527 },
        { 3.0, 0.9999779095030014 },
        { 0.1, 0.1124629160182849 },
        { 1.5, 0.9661051464753108 },
    };

    // erfc(x), including the far tails where 1 − erf(x) would have no correct digits left.
    public static TheoryData<double, double> ErfcTable => new()
    {
        { -3.0, 1.9999779095030015 },
        { -1.0, 1.842700792949715 },
        { 0.0, 1.0 },
        { 0.1, 0.8875370839817152 },
        { 1.0, 0.15729920705028513 },
        { 2.4, 0.0006885138966450789 },
        { 2.5, 0.0004069520174449589 },
        { 2.6, 0.00023603441652934908 },
        { 3.0, 2.2090496998585438e-05 },
        { 5.0, 1.5374597944280351e-12 },
        { 10.0, 2.088487583762545e-45 },
        { 26.0, 5.663192408856143e-296 },
    };

    [Theory]
    [MemberData(nameof(ErfTable))]
    public void ErfcMatchesTheErfTable(double x, double erf)
    {
        // The documented accuracy: 2e-14 relative for |x| ≤ 6 (1 − erf is computed here in double, exact
        // to 1e-16 absolute, hence the small absolute allowance).
        Assert.Equal(1 - erf, Activations.Erfc(x), 2e-14 * (1 - erf) + 1e-16);
        Assert.Equal(1 + erf, Activations.Erfc(-x), 2e-14 * (1 + erf));
    }

    [Theory]
    [MemberData(nameof(ErfcTable))]
    public void ErfcMatchesTheErfcTable(double x, double erfc) =>
        Assert.True(Math.Abs(Activations.Erfc(x) - erfc) <= 1e-13 * erfc, $"erfc({x}) = {Activations.Erfc(x):R}, expected {erfc:R}");

    [Fact]
    public void ErfcOfSpecialValues()
    {
        Assert.True(double.IsNaN(Activations.Erfc(double.NaN)));
        Assert.Equal(0.0, Activations.Erfc(double.PositiveInfinity));
        Assert.Equal(2.0, Activations.Erfc(double.NegativeInfinity));
    }

    [Theory]
    [MemberData(nameof(ErfTable))]
    public void GeluMatchesTheErfTable(double t, double erf)
    {
        // GELU(x) = x/2 · (1 + erf(x/√2)); choose x = t√2 rounded to float and use erf's derivative for the
        // small difference, so the expectation comes from the table and not from the code under test.
        float x = (float)(t * Math.Sqrt(2));
        double dt = x / Math.Sqrt(2) - t;
        double erfAtX = erf + 2 / Math.Sqrt(Math.PI) * Math.Exp(-t * t) * dt;
        var d = new float[2];
        Activations.Gelu([x, -x], d);
        Assert.Equal((float)(x / 2.0 * (1 + erfAtX)), d[0]);
        Assert.Equal((float)(-x / 2.0 * (1 - erfAtX)), d[1], 1e-7f * Math.Max(1f, Math.Abs(d[1])));
    }

    [Fact]
    public void GeluMatchesPyTorch()
    {
        // torch.nn.functional.gelu (exact, float32) in PyTorch 1.13. PyTorch evaluates x/2 · (1 + erf(x/√2)) in
        // float, so in the negative tail 1 + erf cancels and its result is off by up to about ε·|x|/2 absolute
        // (at −3 it has −0.00404987 where x·Φ(x) = −0.00404969). Descent computes in double, hence the
        // absolute tolerance rather than ulps.
        float[] x = [-3f, -1f, -0.5f, 0.5f, 1f, 3f];
        float[] expected = [-0.004049867391586304f, -0.1586552858352661f, -0.1542687863111496f, 0.3457311987876892f, 0.8413447141647339f, 2.995950222015381f];
        var d = new float[x.Length];
        Activations.Gelu(x, d);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(expected[i], d[i], 2e-7f * Math.Max(1f, Math.Abs(x[i])));
        }
        // The exact value at −3 from Φ(−3) = 0.0013498980316300957 (Python's 0.5·erfc(3/√2)).
        Assert.Equal((float)(-3 * 0.0013498980316300957), d[0]);
    }

    [Fact]
    public void KernelsMatchDoubleFormulasForAllLengths()
    {
        for (int n = 0; n <= MaxLength; n++)
        {
            float[] x = Values(n, n);
            // LeakyRelu is one float multiply or a copy: exact.
            Check(n, x, (s, d) => Activations.LeakyRelu(s, 0.1f, d), v => v > 0 ? v : (float)(0.1f * v), exactUlps: 0);
            // Elu computes exp(x) − 1 in float (as PyTorch does, without expm1): compare to the same
            // formula in double with an absolute allowance for the cancellation near 0.
            Check(n, x, (s, d) => Activations.Elu(s, 1.5f, d), v => v > 0 ? v : 1.5 * (Math.Exp(v) - 1), exactUlps: 4, absolute: 2e-7);
            Check(n, x, Activations.Gelu, v => v * 0.5 * Activations.Erfc(-v / Math.Sqrt(2)), exactUlps: 1, absolute: 1e-38);
            // Softplus forms β·x in float, as the kernel (and PyTorch) does, then the rest in double.
            Check(n, x, (s, d) => Activations.Softplus(s, 2f, 20f, d),
                v => 2f * v > 20f ? v : Math.Log(1 + Math.Exp(2f * v)) / 2, exactUlps: 1, absolute: 1e-38);
            Check(n, x.Select(v => Math.Abs(v) - 0.99f).ToArray(), Activations.Log1p, v => Math.Log(1 + (double)v), exactUlps: 1, absolute: 1e-38);
        }
    }

    [Fact]
    public void SoftplusKeepsTinyValuesForVeryNegativeInputs()
    {
        // log(1 + e^-40) rounds 1 + e^-40 to 1 in double; PyTorch gives 4.2484e-18 (log1p).
        var d = new float[3];
        Activations.Softplus([-40f, -20f, 25f], 1f, 20f, d);
        Assert.Equal(4.24835413113866e-18f, d[0], 1e-24f);
        Assert.Equal(2.06115369216775e-09f, d[1], 1e-15f);
        Assert.Equal(25f, d[2]);
    }

    [Fact]
    public void Log1pIsAccurateForTinyArguments()
    {
        Assert.Equal(1e-10 - 0.5e-20, Activations.Log1p(1e-10), 1e-26);
        Assert.Equal(-1e-300, Activations.Log1p(-1e-300));
        Assert.Equal(Math.Log(2), Activations.Log1p(1), 1e-16);
        Assert.Equal(double.NegativeInfinity, Activations.Log1p(-1));
        Assert.True(double.IsNaN(Activations.Log1p(-2)));
        Assert.Equal(double.PositiveInfinity, Activations.Log1p(double.PositiveInfinity));
    }

    private delegate void Kernel(ReadOnlySpan<float> x, Span<float> d);

    private static void Check(int n, float[] x, Kernel kernel, Func<float, double> formula, int exactUlps, double absolute = 0)
    {
        var d = new float[n];
        kernel(x, d);
        for (int i = 0; i < n; i++)
        {
            float expected = (float)formula(x[i]);
            int ulps = Math.Abs(BitConverter.SingleToInt32Bits(d[i]) - BitConverter.SingleToInt32Bits(expected));
            if (!(ulps <= exactUlps || Math.Abs(d[i] - formula(x[i])) <= absolute))
            {
                Assert.Fail($"n={n} at {i}: x={x[i]:R}, kernel {d[i]:R}, formula {expected:R}");
            }
        }
    }

    private static float[] Values(int n, int seed)
    {
        var g = new Generator((ulong)seed + 7);
        return Enumerable.Range(0, n).Select(_ => (float)((g.NextDouble() - 0.5) * 12)).ToArray();
    }
}
