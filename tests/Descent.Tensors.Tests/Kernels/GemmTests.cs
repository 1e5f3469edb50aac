using Descent.Kernels;

namespace Descent.Tensors.Tests.Kernels;

/// <summary>
/// Checks <see cref="Gemm.Multiply(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, int, bool, bool, bool)"/>
/// against the double-accumulating reference. An element passes when
/// |fast − ref| ≤ 1e-5 · (|c₀| + Σ_p |opA[i,p]|·|opB[p,j]|) + 1e-6, where c₀ is the prior value of c when accumulating:
/// float summation of k terms can be off by about k·ε relative to the sum of magnitudes, and ε·k stays under 1e-5
/// for the k used here.
/// </summary>
public sealed class GemmTests
{
    private const double RelativeTolerance = 1e-5;
    private const double AbsoluteTolerance = 1e-6;

    public static TheoryData<int, int, int, bool, bool, bool> Shapes()
    {
        var data = new TheoryData<int, int, int, bool, bool, bool>();
        int[][] shapes =
        [
            [1, 1, 1],
            [7, 13, 5],
            [33, 65, 17],
            [32, 57, 100],
            [0, 5, 7],
            [5, 0, 7],
            [5, 7, 0],
            [0, 0, 0],
            [6, 300, 16],
            [13, 257, 40],
            [32, 100, 2],
            [200, 57, 7],
            [100, 32, 57],
            [13, 300, 25],
        ];
        foreach (int[] s in shapes)
        {
            for (int flags = 0; flags < 8; flags++)
            {
                data.Add(s[0], s[1], s[2], (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MatchesReference(int m, int k, int n, bool transA, bool transB, bool accumulate)
    {
        AssertMatchesReference(m, k, n, transA, transB, accumulate, seed: (m * 31) + (k * 7) + n, useSimd: true);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void PortableKernelMatchesReference(int m, int k, int n, bool transA, bool transB, bool accumulate)
    {
        AssertMatchesReference(m, k, n, transA, transB, accumulate, seed: (m * 31) + (k * 7) + n + 1, useSimd: false);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    public void SmallShapeSweepMatchesReference(int k)
    {
        // Every ragged combination of the 6-row and 8/16-column register tiles, direct and packed operands.
        for (int m = 0; m <= 40; m++)
        {
            for (int n = 0; n <= 40; n++)
            {
                for (int flags = 0; flags < 8; flags++)
                {
                    AssertMatchesReference(m, k, n, (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0,
                        seed: (m * 1000) + (n * 10) + flags, useSimd: true);
                }
            }
        }
    }

    public static TheoryData<int, int, int, bool, bool, bool, bool> LargeShapes()
    {
        var data = new TheoryData<int, int, int, bool, bool, bool, bool>();
        foreach (bool useSimd in new[] { true, false })
        {
            // Several k blocks, several row blocks and a ragged edge on every dimension.
            data.Add(131, 600, 75, false, false, false, useSimd);
            data.Add(131, 600, 75, true, false, true, useSimd);
            data.Add(131, 600, 75, false, true, false, useSimd);
            data.Add(131, 600, 75, true, true, true, useSimd);

            // Strides of 2 or 4 KiB, where non-transposed B and transposed A are packed rather than read in place.
            data.Add(40, 9, 1024, false, false, true, useSimd);
            data.Add(80, 30, 512, true, false, false, useSimd);
            data.Add(1024, 20, 70, true, false, false, useSimd);
            data.Add(1024, 300, 64, true, true, true, useSimd);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(LargeShapes))]
    public void LargeMatchesReference(int m, int k, int n, bool transA, bool transB, bool accumulate, bool useSimd)
    {
        AssertMatchesReference(m, k, n, transA, transB, accumulate, seed: m + k + n, useSimd);
    }

    [Theory]
    [InlineData(300, 300, 300, false, false, false)]
    [InlineData(300, 300, 300, true, false, true)]
    [InlineData(300, 300, 300, false, true, false)]
    [InlineData(300, 300, 300, true, true, true)]
    [InlineData(60, 200, 700, false, false, false)]
    [InlineData(60, 200, 700, true, true, true)]
    [InlineData(1024, 40, 100, true, false, false)]
    [InlineData(40, 70000, 16, false, true, false)]
    [InlineData(3, 70000, 20, true, true, true)]
    public void ParallelIsBitwiseIdenticalToSerial(int m, int k, int n, bool transA, bool transB, bool accumulate)
    {
        // Shapes large enough to run in parallel, split by rows (300³, 1024×40×100, 40×70000×16) and by columns
        // (60×200×700, 3×70000×20); with k = 70000 a packed block of B holds only part of k.
        var random = new Random(42);
        float[] a = RandomArray(random, m * k);
        float[] b = RandomArray(random, k * n);
        float[] initial = RandomArray(random, m * n);

        float[] serial = (float[])initial.Clone();
        Gemm.Multiply(a, b, serial, m, k, n, transA, transB, accumulate, maxDegreeOfParallelism: 1, GemmPaths.All);

        foreach (int threads in new[] { 2, 3, 7 })
        {
            float[] parallel = (float[])initial.Clone();
            Gemm.Multiply(a, b, parallel, m, k, n, transA, transB, accumulate, threads, GemmPaths.All);
            Assert.Equal(serial, parallel);
        }

        float[] expected = (float[])initial.Clone();
        Gemm.MultiplyReference(a, b, expected, m, k, n, transA, transB, accumulate);
        AssertClose(a, b, initial, expected, serial, m, k, n, transA, transB, accumulate);
    }

    [Theory]
    [InlineData(32, 100, 2, false)]
    [InlineData(32, 100, 2, true)]
    [InlineData(16, 3, 1, false)]
    [InlineData(100, 57, 7, true)]
    public void ANarrowProductEqualsTheSameColumnsOfAWideOneBitForBit(int m, int k, int n, bool accumulate)
    {
        // C = A·Bᵀ with fewer than 8 columns goes through its transpose; each element must take the same
        // multiply-adds in the same order as in a product with 16 columns, whose first n rows of B are the same.
        var random = new Random(m + k + n);
        float[] a = RandomArray(random, m * k);
        float[] wideB = RandomArray(random, 16 * k);
        float[] wideC = RandomArray(random, m * 16);
        float[] narrowC = new float[m * n];
        for (int i = 0; i < m; i++)
        {
            Array.Copy(wideC, i * 16, narrowC, i * n, n);
        }
        Gemm.Multiply(a, wideB.AsSpan(0, n * k), narrowC, m, k, n, transB: true, accumulate: accumulate);
        Gemm.Multiply(a, wideB, wideC, m, k, 16, transB: true, accumulate: accumulate);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(wideC[(i * 16) + j]), BitConverter.SingleToInt32Bits(narrowC[(i * n) + j]));
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void RandomShapesMatchReferenceAndAgreeBitwiseOnEveryPath(int seed)
    {
        // Random shapes, mostly small and ragged, some narrow (fewer than 8 columns, the transposed path), some with
        // strides of 2 or 4 KiB (packed operands), every layout. Each vector path must equal every other bit for bit,
        // with the 512-bit tile and the narrow path on and off; the portable kernel is held to the reference.
        var random = new Random(seed);
        GemmPaths[] vectorPaths = [GemmPaths.Simd, GemmPaths.Simd | GemmPaths.Wide, GemmPaths.Simd | GemmPaths.Narrow];
        for (int iteration = 0; iteration < 120; iteration++)
        {
            (int m, int k, int n) = (iteration % 6) switch
            {
                0 => (random.Next(16, 200), random.Next(1, 80), random.Next(1, 8)),
                1 => (random.Next(1, 40), random.Next(1, 60), random.Next(1, 3) * 512),
                2 => (1024, random.Next(1, 20), random.Next(60, 90)),
                _ => (random.Next(0, 70), random.Next(0, 70), random.Next(0, 70)),
            };
            bool transA = random.Next(2) == 0;
            bool transB = iteration % 6 == 0 || random.Next(2) == 0;
            bool accumulate = random.Next(2) == 0;
            float[] a = RandomArray(random, m * k);
            float[] b = RandomArray(random, k * n);
            float[] initial = RandomArray(random, m * n);
            float[] expected = (float[])initial.Clone();
            Gemm.MultiplyReference(a, b, expected, m, k, n, transA, transB, accumulate);

            float[] all = (float[])initial.Clone();
            Gemm.Multiply(a, b, all, m, k, n, transA, transB, accumulate, maxDegreeOfParallelism: 0, GemmPaths.All);
            AssertClose(a, b, initial, expected, all, m, k, n, transA, transB, accumulate);
            foreach (GemmPaths paths in vectorPaths)
            {
                float[] actual = (float[])initial.Clone();
                Gemm.Multiply(a, b, actual, m, k, n, transA, transB, accumulate, maxDegreeOfParallelism: 0, paths);
                Assert.True(all.AsSpan().SequenceEqual(actual), $"{paths} differs from every path on for {m}x{k}x{n} (transA={transA}, transB={transB}, accumulate={accumulate}).");
            }

            float[] portable = (float[])initial.Clone();
            Gemm.Multiply(a, b, portable, m, k, n, transA, transB, accumulate, maxDegreeOfParallelism: 0, GemmPaths.Portable);
            AssertClose(a, b, initial, expected, portable, m, k, n, transA, transB, accumulate);
        }
    }

    [Fact]
    public void DefaultOverloadMatchesSerial()
    {
        const int M = 256;
        const int K = 784;
        const int N = 64;
        var random = new Random(7);
        float[] a = RandomArray(random, M * K);
        float[] b = RandomArray(random, N * K);
        float[] serial = new float[M * N];
        float[] actual = new float[M * N];

        Gemm.Multiply(a, b, serial, M, K, N, false, true, false, maxDegreeOfParallelism: 1, GemmPaths.All);
        Gemm.Multiply(a, b, actual, M, K, N, transB: true);

        Assert.Equal(serial, actual);
    }

    [Fact]
    public void ZeroInnerDimensionClearsOrKeepsOutput()
    {
        float[] c = [1f, 2f, 3f, 4f, 5f, 6f];
        Gemm.Multiply([], [], c, 2, 0, 3, accumulate: true);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], c);

        Gemm.Multiply([], [], c, 2, 0, 3);
        Assert.Equal(new float[6], c);
    }

    [Fact]
    public void OverwriteIgnoresPriorContents()
    {
        float[] a = [1f, 2f, 3f, 4f];
        float[] b = [5f, 6f, 7f, 8f];
        float[] c = [float.NaN, float.PositiveInfinity, -1e30f, 123f];

        Gemm.Multiply(a, b, c, 2, 2, 2);

        Assert.Equal([19f, 22f, 43f, 50f], c);
    }

    [Fact]
    public void TransposesSelectTheRightOperands()
    {
        // a = [[1,2,3],[4,5,6]] (2×3), b = [[1,0],[0,1],[1,1]] (3×2); a·b = [[4,5],[10,11]].
        float[] a = [1f, 2f, 3f, 4f, 5f, 6f];
        float[] aT = [1f, 4f, 2f, 5f, 3f, 6f];
        float[] b = [1f, 0f, 0f, 1f, 1f, 1f];
        float[] bT = [1f, 0f, 1f, 0f, 1f, 1f];
        float[] expected = [4f, 5f, 10f, 11f];

        foreach ((float[] x, bool tA) in new[] { (a, false), (aT, true) })
        {
            foreach ((float[] y, bool tB) in new[] { (b, false), (bT, true) })
            {
                float[] c = new float[4];
                Gemm.Multiply(x, y, c, 2, 3, 2, tA, tB);
                Assert.Equal(expected, c);
            }
        }
    }

    [Fact]
    public void BadLengthsThrow()
    {
        float[] a = new float[6];
        float[] b = new float[12];
        float[] c = new float[8];

        Assert.Throws<ArgumentException>(() => Gemm.Multiply(new float[5], b, c, 2, 3, 4));
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(new float[7], b, c, 2, 3, 4));
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(a, new float[11], c, 2, 3, 4));
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(a, b, new float[9], 2, 3, 4));
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(a, b, c, -2, 3, 4));
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(a, b, c, 2, -3, 4));
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(a, b, c, 2, 3, -4));
        Assert.Throws<ArgumentException>(() => Gemm.MultiplyReference(a, b, new float[7], 2, 3, 4));

        ArgumentException exception = Assert.Throws<ArgumentException>(() => Gemm.Multiply(a, new float[10], c, 2, 3, 4));
        Assert.Contains("12", exception.Message);
        Assert.Contains("10", exception.Message);
    }

    [Fact]
    public void OverlappingOutputThrows()
    {
        float[] buffer = new float[16];
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(buffer.AsSpan(0, 4), buffer.AsSpan(8, 4), buffer.AsSpan(2, 4), 2, 2, 2));
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(buffer.AsSpan(0, 4), buffer.AsSpan(8, 4), buffer.AsSpan(10, 4), 2, 2, 2));
    }

    private static void AssertMatchesReference(int m, int k, int n, bool transA, bool transB, bool accumulate, int seed, bool useSimd)
    {
        var random = new Random(seed);
        float[] a = RandomArray(random, m * k);
        float[] b = RandomArray(random, k * n);
        float[] initial = RandomArray(random, m * n);

        float[] actual = (float[])initial.Clone();
        Gemm.Multiply(a, b, actual, m, k, n, transA, transB, accumulate, maxDegreeOfParallelism: 0, useSimd ? GemmPaths.All : GemmPaths.Portable);

        float[] expected = (float[])initial.Clone();
        Gemm.MultiplyReference(a, b, expected, m, k, n, transA, transB, accumulate);

        AssertClose(a, b, initial, expected, actual, m, k, n, transA, transB, accumulate);
    }

    private static void AssertClose(float[] a, float[] b, float[] initial, float[] expected, float[] actual,
        int m, int k, int n, bool transA, bool transB, bool accumulate)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double magnitude = accumulate ? Math.Abs(initial[(i * n) + j]) : 0.0;
                for (int p = 0; p < k; p++)
                {
                    float x = transA ? a[(p * m) + i] : a[(i * k) + p];
                    float y = transB ? b[(j * k) + p] : b[(p * n) + j];
                    magnitude += Math.Abs((double)x * y);
                }
                double error = Math.Abs((double)actual[(i * n) + j] - expected[(i * n) + j]);
                double bound = (RelativeTolerance * magnitude) + AbsoluteTolerance;
                Assert.True(error <= bound,
                    $"c[{i},{j}] of {m}x{k}x{n} (transA={transA}, transB={transB}, accumulate={accumulate}): " +
                    $"expected {expected[(i * n) + j]}, got {actual[(i * n) + j]}, error {error} > {bound}.");
            }
        }
    }

    private static float[] RandomArray(Random random, int length)
    {
        float[] values = new float[length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2.0) - 1.0);
        }
        return values;
    }
}
