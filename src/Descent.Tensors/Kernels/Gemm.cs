using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Descent.Kernels;

/// <summary>
/// Single-precision matrix multiplication for row-major matrices, blocked for cache and registers around a
/// 6×16 <see cref="Vector256{T}"/> micro-kernel (6×32 in <see cref="Vector512{T}"/> registers over pairs of panels
/// where the core has AVX-512), and split across threads on large problems.
/// </summary>
/// <remarks>
/// <para>
/// Loop nest, outermost first: blocks of B of up to 4 MiB (all of k when that fits), packed once into 16-wide
/// panels; blocks of <see cref="Mc"/> rows of C; blocks of <see cref="Kc"/> along k; 16-column panels; 6-row
/// tiles. The micro-kernel reads A through row and column strides, which serve both layouts of A without a copy,
/// and reads non-transposed B in place likewise; either is packed only where its stride makes the lines of a
/// panel collide in cache. The row count of a ragged tile is a type argument, so the JIT emits a kernel without
/// its dead rows; ragged columns go through a scratch tile.
/// </para>
/// <para>
/// Problems of more than a few microseconds are split by rows or by columns of C into chunks that the calling
/// thread and the helpers of <see cref="WorkerPool.Shared"/> claim.
/// </para>
/// <para>
/// Every element of C is accumulated by one thread in one order, k ascending with one multiply-add per term, in
/// every code path that a given machine runs. Results are therefore bitwise identical for any thread count and
/// any split of the work.
/// </para>
/// </remarks>
internal static unsafe class Gemm
{
    // A 6×16 tile takes 12 accumulators, plus 2 vectors of B and 1 broadcast of A: 15 of the 16 ymm registers.
    private const int Mr = 6;
    private const int Nr = 16;

    // A Kc×16 panel of B (16 KiB) stays in L1 while the row tiles of an Mc×Kc block of A (72 KiB) stream
    // past it from L2.
    private const int Kc = 256;
    private const int Mc = 72;

    // Upper bound, in floats, on one packed block of B (4 MiB): as much of k as fits, by at least 16 columns.
    private const int PackedBBudget = 1 << 20;

    // Problems with fewer multiply-adds than this stay on the calling thread. The worker pool's spinning helpers
    // take a dispatch in about 0.1 µs, but splitting the spam model's 182k products in its training loop gained about
    // 1 µs per step while the second core was free and cost about 10 µs per step while this shared 2-core machine's
    // second core was busy; from 2^20 the split pays either way (1.5× at 2^20 on 2 cores).
    private const long ParallelThreshold = 1L << 20;

    // Chunks handed out per thread on problems of at least LargeProblem multiply-adds: enough to rebalance when a
    // helper starts late, few enough that each chunk keeps whole cache blocks. Smaller problems take one chunk per
    // thread, as even as whole tiles allow.
    private const int ChunksPerThread = 2;
    private const long LargeProblem = 1L << 22;

    [ThreadStatic]
    private static float[]? t_packedB;

    [ThreadStatic]
    private static float[]? t_packedA;

    [ThreadStatic]
    private static float[]? t_packedTail;

    /// <summary>
    /// Upper bound on the threads one call may use; zero or negative means <see cref="Environment.ProcessorCount"/>.
    /// Results are bitwise identical for every value.
    /// </summary>
    internal static int MaxDegreeOfParallelism { get; set; }

    /// <summary>
    /// Effectively computes c[i,j] = (accumulate ? c[i,j] : 0) + Σ_p opA(a)[i,p] · opB(b)[p,j].
    /// </summary>
    /// <param name="a">m×k row-major, or k×m when <paramref name="transA"/>; exactly m·k elements.</param>
    /// <param name="b">k×n row-major, or n×k when <paramref name="transB"/>; exactly k·n elements.</param>
    /// <param name="c">m×n row-major; exactly m·n elements; must not overlap <paramref name="a"/> or <paramref name="b"/>.</param>
    /// <param name="m">Rows of C.</param>
    /// <param name="k">Inner dimension.</param>
    /// <param name="n">Columns of C.</param>
    /// <param name="transA">Whether opA(a) is the transpose of the stored k×m matrix.</param>
    /// <param name="transB">Whether opB(b) is the transpose of the stored n×k matrix.</param>
    /// <param name="accumulate">Whether to add to the contents of <paramref name="c"/> rather than overwrite them.</param>
    /// <exception cref="ArgumentException">A dimension is negative, a length does not match, or c overlaps a or b.</exception>
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        int m, int k, int n, bool transA = false, bool transB = false, bool accumulate = false)
    {
        Multiply(a, b, c, m, k, n, transA, transB, accumulate, MaxDegreeOfParallelism, useSimd: true);
    }

    /// <summary>
    /// <see cref="Multiply(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, int, bool, bool, bool)"/>
    /// with an explicit thread cap, and a switch to the portable scalar micro-kernel, for tests.
    /// </summary>
    internal static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        int m, int k, int n, bool transA, bool transB, bool accumulate, int maxDegreeOfParallelism, bool useSimd)
    {
        Validate(a, b, c, m, k, n);
        if (m == 0 || n == 0)
        {
            return;
        }
        if (k == 0)
        {
            if (!accumulate)
            {
                c.Clear();
            }
            return;
        }

        int threads = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
        if ((long)m * n * k < ParallelThreshold)
        {
            threads = 1;
        }

        bool simd = useSimd && Vector256.IsHardwareAccelerated;
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            if (simd && transB && !transA && n < 8 && m >= Nr && (long)m * n <= NarrowOutputLimit)
            {
                MultiplyNarrow(pa, pb, pc, m, k, n, accumulate, threads);
                return;
            }
            new Problem(pa, pb, pc, m, k, n, transA, transB, accumulate, simd).Run(threads);
        }
    }

    // The most elements of C that MultiplyNarrow transposes through the stack.
    private const int NarrowOutputLimit = 4096;

    /// <summary>
    /// C = A·Bᵀ for a C of fewer than 8 columns, as a linear layer with few outputs computes, through its transpose
    /// Cᵀ = B·Aᵀ: the general path would pad each row tile to 8 columns and transpose B into a panel element by element,
    /// while here A is the operand packed into full 16-wide panels. Each element of C takes the same multiply-adds in
    /// the same order either way. Measured for 32 × 100 × 2: 0.9 µs through the general path.
    /// </summary>
    private static void MultiplyNarrow(float* a, float* b, float* c, int m, int k, int n, bool accumulate, int threads)
    {
        float* ct = stackalloc float[m * n];
        if (accumulate)
        {
            Transpose(c, m, n, ct);
        }
        // Cᵀ (n×m) = B (n×k, as stored) · opB, where opB = Aᵀ: A stored m×k read transposed.
        new Problem(b, a, ct, n, k, m, transA: false, transB: true, accumulate, simd: true).Run(threads);
        Transpose(ct, n, m, c);
    }

    /// <summary>Writes the transpose of the rows × columns matrix <paramref name="source"/> to <paramref name="destination"/>.</summary>
    private static void Transpose(float* source, int rows, int columns, float* destination)
    {
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                destination[(j * rows) + i] = source[(i * columns) + j];
            }
        }
    }

    /// <summary>
    /// Scalar reference with the contract of
    /// <see cref="Multiply(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, int, bool, bool, bool)"/>:
    /// a plain triple loop that accumulates in double. Slow; the ground truth for tests.
    /// </summary>
    /// <exception cref="ArgumentException">A dimension is negative, a length does not match, or c overlaps a or b.</exception>
    public static void MultiplyReference(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        int m, int k, int n, bool transA = false, bool transB = false, bool accumulate = false)
    {
        Validate(a, b, c, m, k, n);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = accumulate ? c[(i * n) + j] : 0.0;
                for (int p = 0; p < k; p++)
                {
                    float x = transA ? a[(p * m) + i] : a[(i * k) + p];
                    float y = transB ? b[(j * k) + p] : b[(p * n) + j];
                    sum += (double)x * y;
                }
                c[(i * n) + j] = (float)sum;
            }
        }
    }

    private static void Validate(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n)
    {
        if (m < 0 || k < 0 || n < 0)
        {
            throw new ArgumentException($"Matrix dimensions must be non-negative, got m={m}, k={k}, n={n}.");
        }
        if (a.Length != (long)m * k)
        {
            throw new ArgumentException($"Expected a to hold m*k = {m}*{k} = {(long)m * k} elements, got {a.Length}.", nameof(a));
        }
        if (b.Length != (long)k * n)
        {
            throw new ArgumentException($"Expected b to hold k*n = {k}*{n} = {(long)k * n} elements, got {b.Length}.", nameof(b));
        }
        if (c.Length != (long)m * n)
        {
            throw new ArgumentException($"Expected c to hold m*n = {m}*{n} = {(long)m * n} elements, got {c.Length}.", nameof(c));
        }
        if (c.Overlaps(a) || c.Overlaps(b))
        {
            throw new ArgumentException("The output c must not overlap the inputs a or b.", nameof(c));
        }
    }

    /// <summary>One multiplication, with the operands as strided views so that transposes need no code of their own.</summary>
    private readonly struct Problem
    {
        private readonly float* _a;
        private readonly float* _b;
        private readonly float* _c;
        private readonly int _m;
        private readonly int _k;
        private readonly int _n;

        // opA(a)[i,p] = _a[i*_rsA + p*_csA] and opB(b)[p,j] = _b[p*_rsB + j*_csB].
        private readonly nint _rsA;
        private readonly nint _csA;
        private readonly nint _rsB;
        private readonly nint _csB;

        private readonly bool _accumulate;
        private readonly bool _simd;
        private readonly bool _wide;
        private readonly bool _directB;
        private readonly bool _packA;

        public Problem(float* a, float* b, float* c, int m, int k, int n, bool transA, bool transB, bool accumulate, bool simd)
        {
            _a = a;
            _b = b;
            _c = c;
            _m = m;
            _k = k;
            _n = n;
            _rsA = transA ? 1 : k;
            _csA = transA ? m : 1;
            _rsB = transB ? 1 : n;
            _csB = transB ? k : 1;
            _accumulate = accumulate;
            _simd = simd;
            _wide = simd && Avx512F.IsSupported;

            // Both layout choices depend on the shape alone, never on the thread count, as must everything that
            // could change results. Read in place, B and transposed A are walked with a stride of n or m floats;
            // when that is a multiple of 4 KiB (2 KiB for B, less so) the lines of a panel share one L1 set and
            // evict each other, so such operands are packed once there is enough reuse to repay the copy.
            // Otherwise reading in place is as fast and skips the copy.
            _directB = !transB && (m <= 16 || n % 1024 != 0) && (m <= 64 || n % 512 != 0);
            _packA = transA && m % 1024 == 0 && n >= 4 * Nr;
        }

        public void Run(int threads)
        {
            int rowTiles = (_m + Mr - 1) / Mr;
            int panels = (_n + Nr - 1) / Nr;
            bool byColumns = PreferColumnSplit(rowTiles, panels, threads);
            int tiles = byColumns ? panels : rowTiles;
            long size = (long)_m * _n * _k;
            int chunks = Math.Min(tiles, size < LargeProblem ? threads : threads * ChunksPerThread);
            if (threads <= 1 || chunks <= 1)
            {
                RunColumns(0, _n);
                return;
            }

            // Chunks are whole tiles, so only the last one has ragged edges.
            int tilesPerChunk = (tiles + chunks - 1) / chunks;
            chunks = (tiles + tilesPerChunk - 1) / tilesPerChunk;
            if (byColumns)
            {
                new ParallelJob(this, tilesPerChunk * Nr).Run(chunks, threads);
                return;
            }

            int nc = BlockColumns(_n);
            for (int j0 = 0; j0 < _n; j0 += nc)
            {
                int nb = Math.Min(nc, _n - j0);
                int kb = BlockDepth(nb);
                for (int k0 = 0; k0 < _k; k0 += kb)
                {
                    int k1 = Math.Min(k0 + kb, _k);
                    new ParallelJob(this, tilesPerChunk * Mr, j0, nb, k0, k1, PackB(j0, nb, k0, k1)).Run(chunks, threads);
                }
            }
        }

        /// <summary>
        /// Whether splitting C by columns should finish sooner than splitting it by rows, in a rough cost model
        /// per unit of k. A row split packs all of B on the caller, then shares out row tiles; a column split
        /// packs B in parallel, but each chunk runs every row tile. Rows win when n is narrow.
        /// </summary>
        private bool PreferColumnSplit(int rowTiles, int panels, int threads)
        {
            // Packing one 16-wide panel row, in units of one step of a 6×16 tile: copying costs about 4 loads and
            // stores, transposing about 16 shuffles and moves.
            long pack = _directB ? 0 : _csB == 1 ? 4 : 16;
            long rows = panels * (pack + ((rowTiles + threads - 1) / threads * Mr));
            long columns = (panels + threads - 1) / threads * (pack + (rowTiles * Mr));
            return columns <= rows;
        }

        /// <summary>Columns per block of B: all of them when B is read in place.</summary>
        private int BlockColumns(int columns)
        {
            return _directB ? columns : Math.Max(Nr, PackedBBudget / _k / Nr * Nr);
        }

        /// <summary>Depth, a multiple of <see cref="Kc"/>, of a block of B with <paramref name="columns"/> columns: all of k unless packing it would exceed the budget.</summary>
        private int BlockDepth(int columns)
        {
            return _directB ? _k : Math.Max(Kc, PackedBBudget / ((columns + Nr - 1) / Nr * Nr) / Kc * Kc);
        }

        /// <summary>Computes columns [j0, j1) of C on the calling thread.</summary>
        private void RunColumns(int j0, int j1)
        {
            int nc = BlockColumns(j1 - j0);
            for (int jb = j0; jb < j1; jb += nc)
            {
                int nb = Math.Min(nc, j1 - jb);
                int kb = BlockDepth(nb);
                for (int k0 = 0; k0 < _k; k0 += kb)
                {
                    int k1 = Math.Min(k0 + kb, _k);
                    RunRows(0, _m, jb, nb, k0, k1, PackB(jb, nb, k0, k1));
                }
            }
        }

        /// <summary>
        /// Packs rows [k0, k1) and columns [j0, j0+nb) of opB into the calling thread's buffer: per Kc block,
        /// consecutive kc×16 panels, the last one kc×8 when it has at most 8 columns, zero-padded. Returns null
        /// when B is read in place.
        /// </summary>
        private float* PackB(int j0, int nb, int k0, int k1)
        {
            if (_directB)
            {
                return null;
            }

            int panels = (nb + Nr - 1) / Nr;
            float* packed = Rent(ref t_packedB, (k1 - k0) * panels * Nr);
            for (int p0 = k0; p0 < k1; p0 += Kc)
            {
                int kc = Math.Min(Kc, k1 - p0);
                float* block = packed + ((nint)(p0 - k0) * panels * Nr);
                for (int q = 0; q < panels; q++)
                {
                    PackPanelB(block + ((nint)q * kc * Nr), p0, kc, j0 + (q * Nr), Math.Min(Nr, nb - (q * Nr)));
                }
            }
            return packed;
        }

        /// <summary>Writes opB[p0+p, j0+jj] to dst[p*w + jj], zero for jj ≥ cols, where w = PanelWidth(cols).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void PackPanelB(float* dst, int p0, int kc, int j0, int cols)
        {
            int width = PanelWidth(cols);
            if (_csB == 1)
            {
                float* src = _b + ((nint)p0 * _rsB) + j0;
                if (cols == Nr && Vector256.IsHardwareAccelerated)
                {
                    for (int p = 0; p < kc; p++)
                    {
                        Vector256.Load(src).Store(dst);
                        Vector256.Load(src + 8).Store(dst + 8);
                        src += _rsB;
                        dst += Nr;
                    }
                    return;
                }
                for (int p = 0; p < kc; p++)
                {
                    new ReadOnlySpan<float>(src, cols).CopyTo(new Span<float>(dst, cols));
                    new Span<float>(dst + cols, width - cols).Clear();
                    src += _rsB;
                    dst += width;
                }
                return;
            }

            // Transposed B: each column of the panel is a contiguous run of the stored n×k matrix.
            float* column = _b + ((nint)j0 * _csB) + p0;
            int done = 0;
            if (cols == Nr && Avx.IsSupported)
            {
                for (; done + 8 <= kc; done += 8)
                {
                    Transpose8x8(column + done, _csB, dst + (done * Nr), Nr);
                    Transpose8x8(column + (8 * _csB) + done, _csB, dst + (done * Nr) + 8, Nr);
                }
            }
            for (int p = done; p < kc; p++)
            {
                float* d = dst + (p * width);
                int jj = 0;
                for (; jj < cols; jj++)
                {
                    d[jj] = column[(jj * _csB) + p];
                }
                for (; jj < width; jj++)
                {
                    d[jj] = 0;
                }
            }
        }

        /// <summary>
        /// Copies rows [i0, i0+mb) and columns [p0, p0+kc) of transposed A into consecutive 6-row micro-panels,
        /// dst[t*kc + p*6 + ii] = opA[i0+t+ii, p0+p].
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void PackA(float* dst, int i0, int mb, int p0, int kc)
        {
            for (int t = 0; t < mb; t += Mr)
            {
                int rows = Math.Min(Mr, mb - t);
                float* src = _a + ((nint)p0 * _csA) + i0 + t;
                float* d = dst + ((nint)t * kc);
                for (int p = 0; p < kc; p++)
                {
                    new ReadOnlySpan<float>(src, rows).CopyTo(new Span<float>(d, rows));
                    src += _csA;
                    d += Mr;
                }
            }
        }

        /// <summary>
        /// Adds the terms p in [k0, k1) to rows [r0, r1) and columns [j0, j0+nb) of C, the first terms replacing
        /// C unless accumulating; <paramref name="packedB"/> is that block of B as packed by <see cref="PackB"/>.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void RunRows(int r0, int r1, int j0, int nb, int k0, int k1, float* packedB)
        {
            int panels = (nb + Nr - 1) / Nr;
            int tail = nb % Nr;
            float* scratch = stackalloc float[Mr * Nr];
            float* wideScratch = stackalloc float[Mr * 2 * Nr];
            float* packedA = _packA ? Rent(ref t_packedA, Mc * Kc) : null;
            float* packedTail = _directB && tail != 0 ? Rent(ref t_packedTail, Kc * Nr) : null;

            for (int i0 = r0; i0 < r1; i0 += Mc)
            {
                int mb = Math.Min(Mc, r1 - i0);
                for (int p0 = k0; p0 < k1; p0 += Kc)
                {
                    int kc = Math.Min(Kc, k1 - p0);
                    bool load = _accumulate || p0 > 0;
                    if (_packA)
                    {
                        PackA(packedA, i0, mb, p0, kc);
                    }

                    // Even when B is read in place, its ragged last panel is packed, zero-padded, so that the
                    // kernel never reads past the end of a row.
                    if (packedTail != null)
                    {
                        PackPanelB(packedTail, p0, kc, j0 + nb - tail, tail);
                    }

                    for (int q = 0; q < panels; q++)
                    {
                        // Two full panels at once where the core has 512-bit FMAs.
                        if (_wide && nb - (q * Nr) >= 2 * Nr)
                        {
                            float* b0 = _directB
                                ? _b + ((nint)p0 * _rsB) + j0 + (q * Nr)
                                : packedB + ((nint)(p0 - k0) * panels * Nr) + ((nint)q * kc * Nr);
                            float* b1 = _directB ? b0 + Nr : b0 + ((nint)kc * Nr);
                            nint stride = _directB ? _rsB : Nr;
                            for (int t = 0; t < mb; t += Mr)
                            {
                                float* ap = _packA ? packedA + ((nint)t * kc) : _a + ((nint)(i0 + t) * _rsA) + ((nint)p0 * _csA);
                                float* cp = _c + ((nint)(i0 + t) * _n) + j0 + (q * Nr);
                                WideTile(Math.Min(Mr, mb - t), ap, b0, b1, stride, stride, kc, cp, _n, load);
                            }
                            q++;
                            continue;
                        }

                        // A full panel and a ragged one of 9–15 columns (16 wide when packed): one 512-bit tile
                        // through a scratch tile, rather than two 256-bit ones.
                        int remaining = nb - (q * Nr);
                        if (_wide && remaining > Nr && PanelWidth(remaining - Nr) == Nr)
                        {
                            float* b0 = _directB
                                ? _b + ((nint)p0 * _rsB) + j0 + (q * Nr)
                                : packedB + ((nint)(p0 - k0) * panels * Nr) + ((nint)q * kc * Nr);
                            float* b1 = _directB ? packedTail : b0 + ((nint)kc * Nr);
                            nint stride = _directB ? _rsB : Nr;
                            for (int t = 0; t < mb; t += Mr)
                            {
                                int rows = Math.Min(Mr, mb - t);
                                float* ap = _packA ? packedA + ((nint)t * kc) : _a + ((nint)(i0 + t) * _rsA) + ((nint)p0 * _csA);
                                float* cp = _c + ((nint)(i0 + t) * _n) + j0 + (q * Nr);
                                if (load)
                                {
                                    for (int ii = 0; ii < rows; ii++)
                                    {
                                        new ReadOnlySpan<float>(cp + ((nint)ii * _n), remaining).CopyTo(new Span<float>(wideScratch + (ii * 2 * Nr), remaining));
                                    }
                                }
                                WideTile(rows, ap, b0, b1, stride, Nr, kc, wideScratch, 2 * Nr, load);
                                for (int ii = 0; ii < rows; ii++)
                                {
                                    new ReadOnlySpan<float>(wideScratch + (ii * 2 * Nr), remaining).CopyTo(new Span<float>(cp + ((nint)ii * _n), remaining));
                                }
                            }
                            q++;
                            continue;
                        }

                        int cols = Math.Min(Nr, nb - (q * Nr));
                        int width = PanelWidth(cols);
                        float* bp;
                        nint bStride;
                        if (!_directB)
                        {
                            bp = packedB + ((nint)(p0 - k0) * panels * Nr) + ((nint)q * kc * Nr);
                            bStride = width;
                        }
                        else if (cols < Nr)
                        {
                            bp = packedTail;
                            bStride = width;
                        }
                        else
                        {
                            bp = _b + ((nint)p0 * _rsB) + j0 + (q * Nr);
                            bStride = _rsB;
                        }

                        for (int t = 0; t < mb; t += Mr)
                        {
                            int rows = Math.Min(Mr, mb - t);
                            float* ap = _packA ? packedA + ((nint)t * kc) : _a + ((nint)(i0 + t) * _rsA) + ((nint)p0 * _csA);
                            float* cp = _c + ((nint)(i0 + t) * _n) + j0 + (q * Nr);
                            if (cols == width)
                            {
                                Tile(rows, width, ap, bp, bStride, kc, cp, _n, load);
                                continue;
                            }

                            // Ragged columns go through a scratch tile; the arithmetic per element is unchanged.
                            if (load)
                            {
                                for (int ii = 0; ii < rows; ii++)
                                {
                                    new ReadOnlySpan<float>(cp + ((nint)ii * _n), cols).CopyTo(new Span<float>(scratch + (ii * Nr), cols));
                                }
                            }
                            Tile(rows, width, ap, bp, bStride, kc, scratch, Nr, load);
                            for (int ii = 0; ii < rows; ii++)
                            {
                                new ReadOnlySpan<float>(scratch + (ii * Nr), cols).CopyTo(new Span<float>(cp + ((nint)ii * _n), cols));
                            }
                        }
                    }
                }
            }
        }

        /// <summary>Runs the 512-bit micro-kernel for a tile of <paramref name="rows"/> ≤ 6 rows and 32 columns from two panels.</summary>
        private void WideTile(int rows, float* a, float* b, float* b2, nint bStride, nint b2Stride, int kc, float* c, nint ldc, bool load)
        {
            nint rs = _packA ? 1 : _rsA;
            nint cs = _packA ? Mr : _csA;
            switch (rows)
            {
                case 6: Kernel32<Rows6>(a, rs, cs, b, b2, bStride, b2Stride, kc, c, ldc, load); break;
                case 5: Kernel32<Rows5>(a, rs, cs, b, b2, bStride, b2Stride, kc, c, ldc, load); break;
                case 4: Kernel32<Rows4>(a, rs, cs, b, b2, bStride, b2Stride, kc, c, ldc, load); break;
                case 3: Kernel32<Rows3>(a, rs, cs, b, b2, bStride, b2Stride, kc, c, ldc, load); break;
                case 2: Kernel32<Rows2>(a, rs, cs, b, b2, bStride, b2Stride, kc, c, ldc, load); break;
                default: Kernel32<Rows1>(a, rs, cs, b, b2, bStride, b2Stride, kc, c, ldc, load); break;
            }
        }

        /// <summary>Runs the micro-kernel for a tile of <paramref name="rows"/> ≤ 6 rows and 8 or 16 columns.</summary>
        private void Tile(int rows, int width, float* a, float* b, nint bStride, int kc, float* c, nint ldc, bool load)
        {
            nint rs = _packA ? 1 : _rsA;
            nint cs = _packA ? Mr : _csA;
            if (!_simd)
            {
                KernelScalar(rows, width, a, rs, cs, b, bStride, kc, c, ldc, load);
            }
            else if (width == Nr)
            {
                switch (rows)
                {
                    case 6: Kernel16<Rows6>(a, rs, cs, b, bStride, kc, c, ldc, load); break;
                    case 5: Kernel16<Rows5>(a, rs, cs, b, bStride, kc, c, ldc, load); break;
                    case 4: Kernel16<Rows4>(a, rs, cs, b, bStride, kc, c, ldc, load); break;
                    case 3: Kernel16<Rows3>(a, rs, cs, b, bStride, kc, c, ldc, load); break;
                    case 2: Kernel16<Rows2>(a, rs, cs, b, bStride, kc, c, ldc, load); break;
                    default: Kernel16<Rows1>(a, rs, cs, b, bStride, kc, c, ldc, load); break;
                }
            }
            else
            {
                switch (rows)
                {
                    case 6: Kernel8<Rows6>(a, rs, cs, b, bStride, kc, c, ldc, load); break;
                    case 5: Kernel8<Rows5>(a, rs, cs, b, bStride, kc, c, ldc, load); break;
                    case 4: Kernel8<Rows4>(a, rs, cs, b, bStride, kc, c, ldc, load); break;
                    case 3: Kernel8<Rows3>(a, rs, cs, b, bStride, kc, c, ldc, load); break;
                    case 2: Kernel8<Rows2>(a, rs, cs, b, bStride, kc, c, ldc, load); break;
                    default: Kernel8<Rows1>(a, rs, cs, b, bStride, kc, c, ldc, load); break;
                }
            }
        }

        /// <summary>
        /// Chunks of rows (sharing one packed block of B) or of columns (each packing its own B), run across
        /// <see cref="WorkerPool.Shared"/>, whose dispatch allocates nothing and whose spinning helpers take it in
        /// about 0.1 µs. The caller runs chunks too and never waits for a helper to start: a helper that is late finds
        /// its chunks taken. When the pool is busy (another thread is dispatching, or this is one of its helpers), the
        /// caller runs every chunk itself, with the same result.
        /// </summary>
        private readonly struct ParallelJob
        {
            // The job of the current dispatch: only the thread that holds the pool writes it, and the dispatch
            // publishes it to the helpers.
            private static ParallelJob s_current;
            private static readonly Action<int, int> s_runChunks = static (first, count) =>
            {
                for (int chunk = first; chunk < first + count; chunk++)
                {
                    s_current.RunChunk(chunk);
                }
            };

            private readonly Problem _problem;
            private readonly int _chunkSize;
            private readonly bool _byRows;
            private readonly int _j0;
            private readonly int _nb;
            private readonly int _k0;
            private readonly int _k1;
            private readonly nint _packedB;

            /// <summary>Chunks of <paramref name="chunkSize"/> columns, each computed from scratch.</summary>
            public ParallelJob(Problem problem, int chunkSize)
            {
                _problem = problem;
                _chunkSize = chunkSize;
            }

            /// <summary>Chunks of <paramref name="chunkSize"/> rows of one block of C, sharing that block of B.</summary>
            public ParallelJob(Problem problem, int chunkSize, int j0, int nb, int k0, int k1, float* packedB)
            {
                _problem = problem;
                _chunkSize = chunkSize;
                _byRows = true;
                _j0 = j0;
                _nb = nb;
                _k0 = k0;
                _k1 = k1;
                _packedB = (nint)packedB;
            }

            public void Run(int chunks, int threads)
            {
                WorkerPool pool = WorkerPool.Shared;
                if (!pool.TryAcquire())
                {
                    for (int chunk = 0; chunk < chunks; chunk++)
                    {
                        RunChunk(chunk);
                    }
                    return;
                }
                try
                {
                    s_current = this;
                    pool.Run(s_runChunks, chunks, Math.Min(threads, pool.HelperCount + 1));
                }
                finally
                {
                    s_current = default;
                    pool.Release();
                }
            }

            private void RunChunk(int chunk)
            {
                int begin = chunk * _chunkSize;
                if (_byRows)
                {
                    _problem.RunRows(begin, Math.Min(begin + _chunkSize, _problem._m), _j0, _nb, _k0, _k1, (float*)_packedB);
                }
                else
                {
                    _problem.RunColumns(begin, Math.Min(begin + _chunkSize, _problem._n));
                }
            }
        }
    }

    /// <summary>Packed width of a panel with <paramref name="cols"/> ≤ 16 columns: 8 when a single vector holds them.</summary>
    private static int PanelWidth(int cols)
    {
        return cols <= 8 ? 8 : Nr;
    }

    /// <summary>Returns a 64-byte aligned pointer into the calling thread's pinned packing buffer of at least <paramref name="length"/> floats.</summary>
    private static float* Rent(ref float[]? slot, int length)
    {
        // Alignment keeps every vector load of a panel within one cache line; the buffer lives on the pinned heap,
        // so the pointer stays valid after this returns.
        float[]? buffer = slot;
        if (buffer is null || buffer.Length < length + 16)
        {
            buffer = GC.AllocateUninitializedArray<float>(length + 16, pinned: true);
            slot = buffer;
        }
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        return (float*)((address + 63) & ~(nuint)63);
    }

    /// <summary>A row count known to the JIT, so each instantiation of a kernel carries only the rows it needs.</summary>
    private interface IRowCount
    {
        static abstract int Value { get; }
    }

    private readonly struct Rows1 : IRowCount
    {
        public static int Value => 1;
    }

    private readonly struct Rows2 : IRowCount
    {
        public static int Value => 2;
    }

    private readonly struct Rows3 : IRowCount
    {
        public static int Value => 3;
    }

    private readonly struct Rows4 : IRowCount
    {
        public static int Value => 4;
    }

    private readonly struct Rows5 : IRowCount
    {
        public static int Value => 5;
    }

    private readonly struct Rows6 : IRowCount
    {
        public static int Value => 6;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> MulAdd(Vector256<float> x, Vector256<float> y, Vector256<float> acc)
    {
        return Fma.IsSupported ? Fma.MultiplyAdd(x, y, acc) : (x * y) + acc;
    }

    /// <summary>
    /// For ii &lt; TRows: c[ii*ldc + 0..16) = (load ? c[ii*ldc + 0..16) : 0) + Σ_p a[ii*rs + p*cs] · b[p*bStride + 0..16).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel16<TRows>(float* a, nint rs, nint cs, float* b, nint bStride, int kc, float* c, nint ldc, bool load)
        where TRows : struct, IRowCount
    {
        int rows = TRows.Value;
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        if (load)
        {
            c00 = Vector256.Load(c);
            c01 = Vector256.Load(c + 8);
            if (rows > 1)
            {
                c10 = Vector256.Load(c + ldc);
                c11 = Vector256.Load(c + ldc + 8);
            }
            if (rows > 2)
            {
                c20 = Vector256.Load(c + (2 * ldc));
                c21 = Vector256.Load(c + (2 * ldc) + 8);
            }
            if (rows > 3)
            {
                c30 = Vector256.Load(c + (3 * ldc));
                c31 = Vector256.Load(c + (3 * ldc) + 8);
            }
            if (rows > 4)
            {
                c40 = Vector256.Load(c + (4 * ldc));
                c41 = Vector256.Load(c + (4 * ldc) + 8);
            }
            if (rows > 5)
            {
                c50 = Vector256.Load(c + (5 * ldc));
                c51 = Vector256.Load(c + (5 * ldc) + 8);
            }
        }

        nint rs2 = 2 * rs;
        nint rs3 = 3 * rs;
        nint rs4 = 4 * rs;
        nint rs5 = 5 * rs;
        for (int p = 0; p < kc; p++)
        {
            Vector256<float> b0 = Vector256.Load(b);
            Vector256<float> b1 = Vector256.Load(b + 8);
            Vector256<float> x = Vector256.Create(a[0]);
            c00 = MulAdd(x, b0, c00);
            c01 = MulAdd(x, b1, c01);
            if (rows > 1)
            {
                x = Vector256.Create(a[rs]);
                c10 = MulAdd(x, b0, c10);
                c11 = MulAdd(x, b1, c11);
            }
            if (rows > 2)
            {
                x = Vector256.Create(a[rs2]);
                c20 = MulAdd(x, b0, c20);
                c21 = MulAdd(x, b1, c21);
            }
            if (rows > 3)
            {
                x = Vector256.Create(a[rs3]);
                c30 = MulAdd(x, b0, c30);
                c31 = MulAdd(x, b1, c31);
            }
            if (rows > 4)
            {
                x = Vector256.Create(a[rs4]);
                c40 = MulAdd(x, b0, c40);
                c41 = MulAdd(x, b1, c41);
            }
            if (rows > 5)
            {
                x = Vector256.Create(a[rs5]);
                c50 = MulAdd(x, b0, c50);
                c51 = MulAdd(x, b1, c51);
            }
            a += cs;
            b += bStride;
        }

        c00.Store(c);
        c01.Store(c + 8);
        if (rows > 1)
        {
            c10.Store(c + ldc);
            c11.Store(c + ldc + 8);
        }
        if (rows > 2)
        {
            c20.Store(c + (2 * ldc));
            c21.Store(c + (2 * ldc) + 8);
        }
        if (rows > 3)
        {
            c30.Store(c + (3 * ldc));
            c31.Store(c + (3 * ldc) + 8);
        }
        if (rows > 4)
        {
            c40.Store(c + (4 * ldc));
            c41.Store(c + (4 * ldc) + 8);
        }
        if (rows > 5)
        {
            c50.Store(c + (5 * ldc));
            c51.Store(c + (5 * ldc) + 8);
        }
    }

    /// <summary>
    /// <see cref="Kernel16{TRows}"/> for two full panels side by side, 32 columns, in 512-bit registers: columns 0–15
    /// from <paramref name="b"/> and 16–31 from <paramref name="b2"/>, both with stride <paramref name="bStride"/>.
    /// Each element takes the same fused multiply-adds in the same order, so results are bitwise those of two
    /// <see cref="Kernel16{TRows}"/> calls, in half the instructions where the core executes 512-bit FMAs at full width.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel32<TRows>(float* a, nint rs, nint cs, float* b, float* b2, nint bStride, nint b2Stride, int kc, float* c, nint ldc, bool load)
        where TRows : struct, IRowCount
    {
        int rows = TRows.Value;
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        if (load)
        {
            c00 = Vector512.Load(c);
            c01 = Vector512.Load(c + 16);
            if (rows > 1)
            {
                c10 = Vector512.Load(c + ldc);
                c11 = Vector512.Load(c + ldc + 16);
            }
            if (rows > 2)
            {
                c20 = Vector512.Load(c + (2 * ldc));
                c21 = Vector512.Load(c + (2 * ldc) + 16);
            }
            if (rows > 3)
            {
                c30 = Vector512.Load(c + (3 * ldc));
                c31 = Vector512.Load(c + (3 * ldc) + 16);
            }
            if (rows > 4)
            {
                c40 = Vector512.Load(c + (4 * ldc));
                c41 = Vector512.Load(c + (4 * ldc) + 16);
            }
            if (rows > 5)
            {
                c50 = Vector512.Load(c + (5 * ldc));
                c51 = Vector512.Load(c + (5 * ldc) + 16);
            }
        }

        nint rs2 = 2 * rs;
        nint rs3 = 3 * rs;
        nint rs4 = 4 * rs;
        nint rs5 = 5 * rs;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.Load(b);
            Vector512<float> b1 = Vector512.Load(b2);
            Vector512<float> x = Vector512.Create(a[0]);
            c00 = Avx512F.FusedMultiplyAdd(x, b0, c00);
            c01 = Avx512F.FusedMultiplyAdd(x, b1, c01);
            if (rows > 1)
            {
                x = Vector512.Create(a[rs]);
                c10 = Avx512F.FusedMultiplyAdd(x, b0, c10);
                c11 = Avx512F.FusedMultiplyAdd(x, b1, c11);
            }
            if (rows > 2)
            {
                x = Vector512.Create(a[rs2]);
                c20 = Avx512F.FusedMultiplyAdd(x, b0, c20);
                c21 = Avx512F.FusedMultiplyAdd(x, b1, c21);
            }
            if (rows > 3)
            {
                x = Vector512.Create(a[rs3]);
                c30 = Avx512F.FusedMultiplyAdd(x, b0, c30);
                c31 = Avx512F.FusedMultiplyAdd(x, b1, c31);
            }
            if (rows > 4)
            {
                x = Vector512.Create(a[rs4]);
                c40 = Avx512F.FusedMultiplyAdd(x, b0, c40);
                c41 = Avx512F.FusedMultiplyAdd(x, b1, c41);
            }
            if (rows > 5)
            {
                x = Vector512.Create(a[rs5]);
                c50 = Avx512F.FusedMultiplyAdd(x, b0, c50);
                c51 = Avx512F.FusedMultiplyAdd(x, b1, c51);
            }
            a += cs;
            b += bStride;
            b2 += b2Stride;
        }

        c00.Store(c);
        c01.Store(c + 16);
        if (rows > 1)
        {
            c10.Store(c + ldc);
            c11.Store(c + ldc + 16);
        }
        if (rows > 2)
        {
            c20.Store(c + (2 * ldc));
            c21.Store(c + (2 * ldc) + 16);
        }
        if (rows > 3)
        {
            c30.Store(c + (3 * ldc));
            c31.Store(c + (3 * ldc) + 16);
        }
        if (rows > 4)
        {
            c40.Store(c + (4 * ldc));
            c41.Store(c + (4 * ldc) + 16);
        }
        if (rows > 5)
        {
            c50.Store(c + (5 * ldc));
            c51.Store(c + (5 * ldc) + 16);
        }
    }

    /// <summary><see cref="Kernel16{TRows}"/> for a panel 8 columns wide.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel8<TRows>(float* a, nint rs, nint cs, float* b, nint bStride, int kc, float* c, nint ldc, bool load)
        where TRows : struct, IRowCount
    {
        int rows = TRows.Value;
        Vector256<float> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default;
        if (load)
        {
            c0 = Vector256.Load(c);
            if (rows > 1)
            {
                c1 = Vector256.Load(c + ldc);
            }
            if (rows > 2)
            {
                c2 = Vector256.Load(c + (2 * ldc));
            }
            if (rows > 3)
            {
                c3 = Vector256.Load(c + (3 * ldc));
            }
            if (rows > 4)
            {
                c4 = Vector256.Load(c + (4 * ldc));
            }
            if (rows > 5)
            {
                c5 = Vector256.Load(c + (5 * ldc));
            }
        }

        nint rs2 = 2 * rs;
        nint rs3 = 3 * rs;
        nint rs4 = 4 * rs;
        nint rs5 = 5 * rs;
        for (int p = 0; p < kc; p++)
        {
            Vector256<float> b0 = Vector256.Load(b);
            c0 = MulAdd(Vector256.Create(a[0]), b0, c0);
            if (rows > 1)
            {
                c1 = MulAdd(Vector256.Create(a[rs]), b0, c1);
            }
            if (rows > 2)
            {
                c2 = MulAdd(Vector256.Create(a[rs2]), b0, c2);
            }
            if (rows > 3)
            {
                c3 = MulAdd(Vector256.Create(a[rs3]), b0, c3);
            }
            if (rows > 4)
            {
                c4 = MulAdd(Vector256.Create(a[rs4]), b0, c4);
            }
            if (rows > 5)
            {
                c5 = MulAdd(Vector256.Create(a[rs5]), b0, c5);
            }
            a += cs;
            b += bStride;
        }

        c0.Store(c);
        if (rows > 1)
        {
            c1.Store(c + ldc);
        }
        if (rows > 2)
        {
            c2.Store(c + (2 * ldc));
        }
        if (rows > 3)
        {
            c3.Store(c + (3 * ldc));
        }
        if (rows > 4)
        {
            c4.Store(c + (4 * ldc));
        }
        if (rows > 5)
        {
            c5.Store(c + (5 * ldc));
        }
    }

    /// <summary>Portable counterpart of <see cref="Kernel16{TRows}"/> and <see cref="Kernel8{TRows}"/>, for hardware without 256-bit vectors.</summary>
    private static void KernelScalar(int rows, int width, float* a, nint rs, nint cs, float* b, nint bStride, int kc, float* c, nint ldc, bool load)
    {
        float* acc = stackalloc float[Mr * Nr];
        for (int ii = 0; ii < rows; ii++)
        {
            for (int jj = 0; jj < width; jj++)
            {
                acc[(ii * Nr) + jj] = load ? c[(ii * ldc) + jj] : 0f;
            }
        }
        for (int p = 0; p < kc; p++)
        {
            for (int ii = 0; ii < rows; ii++)
            {
                float x = a[ii * rs];
                float* row = acc + (ii * Nr);
                for (int jj = 0; jj < width; jj++)
                {
                    row[jj] += x * b[jj];
                }
            }
            a += cs;
            b += bStride;
        }
        for (int ii = 0; ii < rows; ii++)
        {
            for (int jj = 0; jj < width; jj++)
            {
                c[(ii * ldc) + jj] = acc[(ii * Nr) + jj];
            }
        }
    }

    /// <summary>Transposes the 8×8 block whose row r starts at src + r·srcStride into dst, row r at dst + r·dstStride.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(float* src, nint srcStride, float* dst, nint dstStride)
    {
        Vector256<float> r0 = Avx.LoadVector256(src);
        Vector256<float> r1 = Avx.LoadVector256(src + srcStride);
        Vector256<float> r2 = Avx.LoadVector256(src + (2 * srcStride));
        Vector256<float> r3 = Avx.LoadVector256(src + (3 * srcStride));
        Vector256<float> r4 = Avx.LoadVector256(src + (4 * srcStride));
        Vector256<float> r5 = Avx.LoadVector256(src + (5 * srcStride));
        Vector256<float> r6 = Avx.LoadVector256(src + (6 * srcStride));
        Vector256<float> r7 = Avx.LoadVector256(src + (7 * srcStride));

        // Interleave pairs of rows, then pairs of pairs, then swap 128-bit halves.
        Vector256<float> t0 = Avx.UnpackLow(r0, r1);
        Vector256<float> t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3);
        Vector256<float> t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5);
        Vector256<float> t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7);
        Vector256<float> t7 = Avx.UnpackHigh(r6, r7);

        Vector256<float> s0 = Avx.Shuffle(t0, t2, 0x44);
        Vector256<float> s1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> s2 = Avx.Shuffle(t1, t3, 0x44);
        Vector256<float> s3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> s4 = Avx.Shuffle(t4, t6, 0x44);
        Vector256<float> s5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> s6 = Avx.Shuffle(t5, t7, 0x44);
        Vector256<float> s7 = Avx.Shuffle(t5, t7, 0xEE);

        Avx.Store(dst, Avx.Permute2x128(s0, s4, 0x20));
        Avx.Store(dst + dstStride, Avx.Permute2x128(s1, s5, 0x20));
        Avx.Store(dst + (2 * dstStride), Avx.Permute2x128(s2, s6, 0x20));
        Avx.Store(dst + (3 * dstStride), Avx.Permute2x128(s3, s7, 0x20));
        Avx.Store(dst + (4 * dstStride), Avx.Permute2x128(s0, s4, 0x31));
        Avx.Store(dst + (5 * dstStride), Avx.Permute2x128(s1, s5, 0x31));
        Avx.Store(dst + (6 * dstStride), Avx.Permute2x128(s2, s6, 0x31));
        Avx.Store(dst + (7 * dstStride), Avx.Permute2x128(s3, s7, 0x31));
    }
}
