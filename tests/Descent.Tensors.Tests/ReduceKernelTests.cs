using Descent.Kernels;

namespace Descent.Tensors.Tests;

/// <summary>Reduction kernels against scalar references for lengths 0..257 along the reduced and the kept dims.</summary>
public class ReduceKernelTests
{
    private const int MaxLength = 257;

    /// <summary>[outer, size, inner] layouts in which the length n appears in each position.</summary>
    private static IEnumerable<(int Outer, int Size, int Inner)> Layouts(int n) =>
        [(1, n, 1), (3, n, 1), (2, n, 3), (n, 2, 1), (2, 3, n), (1, 1, n)];

    [Fact]
    public void SumEqualsReferenceForAllLengths()
    {
        for (int n = 0; n <= MaxLength; n++)
        {
            foreach ((int outer, int size, int inner) in Layouts(n))
            {
                float[] s = Values(outer * size * inner, seed: n);
                var actual = new float[outer * inner];
                var expected = new float[outer * inner];
                Reduce.Sum(s, outer, size, inner, actual);
                Reduce.SumReference(s, outer, size, inner, expected);
                for (int i = 0; i < actual.Length; i++)
                {
                    // The kernel sums in float (SIMD partial sums), the reference in double: agree to float
                    // rounding of the running sums, bounded by size · ε · Σ|s| ≤ 257 · 6e-8 · 2.5·size.
                    double bound = 1e-7 * size * SumAbs(s, outer, size, inner, i) + 1e-30;
                    if (!(Math.Abs(actual[i] - expected[i]) <= bound))
                    {
                        Assert.Fail($"[{outer},{size},{inner}] at {i}: kernel {actual[i]:R}, reference {expected[i]:R}");
                    }
                }
            }
        }
    }

    [Fact]
    public void SoftmaxEqualsDoubleReferenceForAllLengths()
    {
        for (int n = 1; n <= MaxLength; n++)
        {
            foreach ((int outer, int size, int inner) in Layouts(n))
            {
                float[] s = Values(outer * size * inner, seed: n);
                if (n % 5 == 0 && s.Length > 1)
                {
                    // Large logits: only the max-subtraction keeps exp finite.
                    s[1] = 500f;
                }
                var softmax = new float[s.Length];
                var logSoftmax = new float[s.Length];
                Reduce.Softmax(s, outer, size, inner, softmax, log: false);
                Reduce.Softmax(s, outer, size, inner, logSoftmax, log: true);
                for (int o = 0; o < outer; o++)
                {
                    for (int i = 0; i < inner; i++)
                    {
                        double max = double.NegativeInfinity;
                        for (int j = 0; j < size; j++)
                        {
                            max = Math.Max(max, s[(o * size + j) * inner + i]);
                        }
                        double sum = 0;
                        for (int j = 0; j < size; j++)
                        {
                            sum += Math.Exp(s[(o * size + j) * inner + i] - max);
                        }
                        for (int j = 0; j < size; j++)
                        {
                            int at = (o * size + j) * inner + i;
                            double logP = s[at] - max - Math.Log(sum);
                            // Float kernels against double. p's relative error comes from rounding x − max
                            // (|x − max|·ε, amplified by exp), from exp itself and from the float sum of the
                            // exponentials (at most size/8 + 3 roundings per SIMD lane): bound it by those terms.
                            double relative = 6e-8 * (Math.Abs(s[at] - max) + size / 8.0 + 8);
                            if (!(Math.Abs(softmax[at] - Math.Exp(logP)) <= relative * Math.Exp(logP) + 1e-37))
                            {
                                Assert.Fail($"softmax [{outer},{size},{inner}] at {at}: {softmax[at]:R} vs {Math.Exp(logP):R}");
                            }
                            if (!(Math.Abs(logSoftmax[at] - logP) <= 1e-6 * (1 + Math.Abs(logP))))
                            {
                                Assert.Fail($"log-softmax [{outer},{size},{inner}] at {at}: {logSoftmax[at]:R} vs {logP:R}");
                            }
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void SoftmaxOfAllNegativeInfinityIsNaN()
    {
        var d = new float[2];
        Reduce.Softmax([float.NegativeInfinity, float.NegativeInfinity], 1, 2, 1, d, log: false);
        Assert.All(d, v => Assert.True(float.IsNaN(v)));
    }

    [Fact]
    public void SoftmaxWithOneNegativeInfinityGivesZero()
    {
        var d = new float[3];
        Reduce.Softmax([float.NegativeInfinity, 0f, 0f], 1, 3, 1, d, log: false);
        Assert.Equal([0f, 0.5f, 0.5f], d);
        Reduce.Softmax([float.NegativeInfinity, 0f, 0f], 1, 3, 1, d, log: true);
        Assert.Equal(float.NegativeInfinity, d[0]);
        Assert.Equal(-MathF.Log(2f), d[1], 1e-7f);
    }

    [Fact]
    public void ArgExtremeTakesTheFirstOnTiesAndNaNAsExtreme()
    {
        Assert.Equal([1], Reduce.ArgExtreme([1f, 3f, 3f, 2f], 1, 4, 1, isMax: true));
        Assert.Equal([0], Reduce.ArgExtreme([1f, 3f, 1f, 2f], 1, 4, 1, isMax: false));
        Assert.Equal([2], Reduce.ArgExtreme([1f, 3f, float.NaN, 5f], 1, 4, 1, isMax: true));
        // Along a middle dim: [2, 2, 2] reduced over dim 1.
        Assert.Equal([1, 0, 0, 1], Reduce.ArgExtreme([0f, 5f, 1f, 2f, 9f, 0f, 3f, 4f], 2, 2, 2, isMax: true));
    }

    private static double SumAbs(float[] s, int outer, int size, int inner, int at)
    {
        int o = at / Math.Max(inner, 1);
        int i = at % Math.Max(inner, 1);
        double sum = 0;
        for (int j = 0; j < size; j++)
        {
            sum += Math.Abs(s[(o * size + j) * inner + i]);
        }
        return sum;
    }

    private static float[] Values(int n, int seed)
    {
        var g = new Generator((ulong)seed + 100);
        return Enumerable.Range(0, n).Select(_ => (float)g.NextNormal() * 3f).ToArray();
    }
}
