namespace Descent.Tensors.Tests;

/// <summary>Reproducibility and distribution of the seeded generator and of the random creation functions.</summary>
public class GeneratorTests
{
    [Fact]
    public void SameSeedGivesTheSameNumbers()
    {
        var g = new Generator(7);
        float[] first = Tensor.Randn([100], g).ToArray();
        g.ManualSeed(7);
        Assert.Equal(first, Tensor.Randn([100], g).ToArray());
        Assert.Equal(first, Tensor.Randn([100], new Generator(7)).ToArray());
    }

    [Fact]
    public void DifferentSeedsDiffer()
    {
        float[] a = Tensor.Rand([100], new Generator(1)).ToArray();
        float[] b = Tensor.Rand([100], new Generator(2)).ToArray();
        Assert.NotEqual(a, b);
        Assert.True(a.Zip(b).Count(p => p.First == p.Second) < 3);
    }

    [Fact]
    public void StateRoundTripResumesTheSequenceExactly()
    {
        var g = new Generator(123);
        Tensor.Rand([10], g);
        byte[] state = g.GetState();
        Assert.Equal(Generator.StateSize, state.Length);
        float[] expected = Tensor.Randn([50], g).ToArray();

        var other = new Generator(999);
        other.SetState(state);
        Assert.Equal(expected, Tensor.Randn([50], other).ToArray());
        g.SetState(state);
        Assert.Equal(expected, Tensor.Randn([50], g).ToArray());
    }

    [Fact]
    public void InvalidStatesAreRefused()
    {
        var g = new Generator();
        Assert.Throws<ArgumentException>(() => g.SetState(new byte[31]));
        Assert.Throws<ArgumentException>(() => g.SetState(new byte[Generator.StateSize]));
    }

    [Fact]
    public void FirstValuesOfSeed42AreLocked()
    {
        // Regression lock, computed once from this implementation (and the raw words checked against an
        // independent xoshiro256** with SplitMix64 seeding): any change to the generator, the float
        // conversion or Box–Muller would silently change every seeded run, on every platform.
        var g = new Generator(42);
        Assert.Equal([1546998764402558742UL, 6990951692964543102UL, 12544586762248559009UL],
            new[] { g.NextUInt64(), g.NextUInt64(), g.NextUInt64() });
        Assert.Equal([0.08386296f, 0.37898022f, 0.6800434f], Tensor.Rand([3], new Generator(42)).ToArray());
        Assert.Equal([-0.30326307f, 1.3438118f, 0.3834618f], Tensor.Randn([3], new Generator(42)).ToArray());
        Assert.Equal([2f, 2f, 9f, 3f, 6f], Tensor.Randint(0, 10, [5], new Generator(42)).ToArray());
        Assert.Equal([3, 5, 4, 1, 2, 0], new Generator(42).Permutation(6));
    }

    [Fact]
    public void RandIsUniformOnTheUnitInterval()
    {
        float[] x = Tensor.Rand([100_000], new Generator(3)).ToArray();
        Assert.All(x, v => Assert.InRange(v, 0f, 0.99999994f));
        // Mean of 100k uniforms has standard deviation 0.29/√100k ≈ 0.0009: 5 sigma.
        Assert.Equal(0.5, x.Average(v => (double)v), 0.0046);
        Assert.Equal(1.0 / 12, x.Average(v => (v - 0.5) * (v - 0.5)), 0.002);
    }

    [Fact]
    public void RandnIsStandardNormal()
    {
        float[] x = Tensor.Randn([100_000], new Generator(4)).ToArray();
        double mean = x.Average(v => (double)v);
        double std = Math.Sqrt(x.Average(v => (v - mean) * (v - mean)));
        // 5 sigma: the mean's standard error is 1/√100k ≈ 0.0032, the std's about 0.0022.
        Assert.Equal(0, mean, 0.016);
        Assert.Equal(1, std, 0.011);
        // About 68.3% within one sigma.
        Assert.Equal(0.6827, x.Count(v => Math.Abs(v) < 1) / 100_000.0, 0.008);
        Assert.All(x, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void RandintStaysWithinBoundsAndReachesBoth()
    {
        float[] x = Tensor.Randint(-3, 4, [10_000], new Generator(5)).ToArray();
        Assert.All(x, v => Assert.InRange(v, -3f, 3f));
        Assert.All(x, v => Assert.Equal(MathF.Round(v), v));
        Assert.Equal(7, x.Distinct().Count());
        Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Randint(2, 2, [1]));
    }

    [Fact]
    public void PermutationIsAPermutation()
    {
        int[] p = new Generator(6).Permutation(1000);
        Assert.Equal(Enumerable.Range(0, 1000), p.Order());
        Assert.NotEqual(Enumerable.Range(0, 1000), p);
        Assert.Empty(new Generator(6).Permutation(0));
    }

    [Fact]
    public void DefaultGeneratorCanBeSeeded()
    {
        Generator.Default.ManualSeed(11);
        float[] a = Tensor.Rand(5).ToArray();
        Generator.Default.ManualSeed(11);
        Assert.Equal(a, Tensor.Rand(5).ToArray());
    }

    [Fact]
    public void InterleavedFillFollowsItsDefinitionAndAdvancesTheGeneratorByEightDraws()
    {
        for (int n = 0; n <= 67; n++)
        {
            var generator = new Generator((ulong)n + 3);
            var values = new ulong[n];
            generator.FillInterleaved(values);
            var reference = new Generator((ulong)n + 3);
            Assert.Equal(InterleavedStreams.Expected(reference, n), values);
            Assert.Equal(reference.NextUInt64(), generator.NextUInt64());
        }
    }

    [Fact]
    public void InterleavedValuesLookUniform()
    {
        // Each of the 64 bits is set in about half of 80,000 values, in every one of the eight streams.
        var values = new ulong[80_000];
        new Generator(5).FillInterleaved(values);
        for (int lane = 0; lane < 8; lane++)
        {
            for (int bit = 0; bit < 64; bit++)
            {
                int ones = 0;
                for (int i = lane; i < values.Length; i += 8)
                {
                    ones += (int)((values[i] >> bit) & 1);
                }
                Assert.InRange(ones, 4_700, 5_300);
            }
        }
    }
}
