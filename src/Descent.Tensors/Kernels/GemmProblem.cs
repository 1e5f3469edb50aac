using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Descent.Kernels;

/// <summary>
/// One multiplication, with the operands as strided views so that transposes need no code of their own: its cache
/// blocking, its split across threads, and the plan that walks each block in register tiles.
/// </summary>
/// <remarks>
/// Loop nest, outermost first: blocks of B of up to 4 MiB (all of k when that fits), packed once into 16-wide
/// panels; blocks of <see cref="Gemm.Mc"/> rows of C; blocks of <see cref="Gemm.Kc"/> along k; column tiles; 6-row
/// tiles. The micro-kernel reads A through row and column strides, which serve both layouts of A without a copy,
/// and reads non-transposed B in place likewise; either is packed only where its stride makes the lines of a panel
/// collide in cache. The row count of a ragged tile is a type argument, so the JIT emits a kernel without its dead
/// rows; ragged columns go through a scratch tile.
/// </remarks>
internal readonly unsafe struct GemmProblem
{
    // Upper bound, in floats, on one packed block of B (4 MiB): as much of k as fits, by at least 16 columns.
    private const int PackedBBudget = 1 << 20;

    // Chunks handed out per thread on problems of at least LargeProblem multiply-adds: enough to rebalance when a
    // helper starts late, few enough that each chunk keeps whole cache blocks. Smaller problems take one chunk per
    // thread, as even as whole tiles allow.
    private const int ChunksPerThread = 2;
    private const long LargeProblem = 1L << 22;

    private const int Mr = Gemm.Mr;
    private const int Nr = Gemm.Nr;
    private const int Kc = Gemm.Kc;
    private const int Mc = Gemm.Mc;

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

    /// <summary>
    /// C (m×n) = (accumulate ? C : 0) + opA(a) · opB(b), with the layouts of
    /// <see cref="Gemm.Multiply(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, int, bool, bool, bool)"/>;
    /// <paramref name="simd"/> selects the 256-bit micro-kernels (the caller checks the hardware), and
    /// <paramref name="wide"/> with it the 512-bit tile where the core has AVX-512.
    /// </summary>
    public GemmProblem(float* a, float* b, float* c, int m, int k, int n, bool transA, bool transB, bool accumulate, bool simd, bool wide)
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
        _wide = simd && wide && Avx512F.IsSupported;

        // Both layout choices depend on the shape alone, never on the thread count, as must everything that
        // could change results. Read in place, B and transposed A are walked with a stride of n or m floats;
        // when that is a multiple of 4 KiB (2 KiB for B, less so) the lines of a panel share one L1 set and
        // evict each other, so such operands are packed once there is enough reuse to repay the copy.
        // Otherwise reading in place is as fast and skips the copy.
        _directB = !transB && (m <= 16 || n % 1024 != 0) && (m <= 64 || n % 512 != 0);
        _packA = transA && m % 1024 == 0 && n >= 4 * Nr;
    }

    /// <summary>Rows of C.</summary>
    public int Rows => _m;

    /// <summary>Columns of C.</summary>
    public int Columns => _n;

    /// <summary>Computes all of C, split into chunks across up to <paramref name="threads"/> threads.</summary>
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
            new GemmParallelJob(this, tilesPerChunk * Nr).Run(chunks, threads);
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
                new GemmParallelJob(this, tilesPerChunk * Mr, j0, nb, k0, k1, PackB(j0, nb, k0, k1)).Run(chunks, threads);
            }
        }
    }

    /// <summary>Computes columns [j0, j1) of C on the calling thread.</summary>
    public void RunColumns(int j0, int j1)
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
    /// Adds the terms p in [k0, k1) to rows [r0, r1) and columns [j0, j0+nb) of C, the first terms replacing
    /// C unless accumulating; <paramref name="packedB"/> is that block of B as packed by <see cref="PackB"/>.
    /// </summary>
    /// <remarks>
    /// One plan for every column tile: 32 columns from two panels where the 512-bit tile is on and at least 25
    /// columns remain (a full panel and a ragged one of 9–15 columns fill one 512-bit tile better than two 256-bit
    /// ones), otherwise one panel of 16 columns, or 8 for a last panel of at most 8. A tile with fewer real columns
    /// than its width goes through a scratch tile; the arithmetic per element is the same either way.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void RunRows(int r0, int r1, int j0, int nb, int k0, int k1, float* packedB)
    {
        int panels = (nb + Nr - 1) / Nr;
        int tail = nb % Nr;
        float* scratch = stackalloc float[Mr * 2 * Nr];
        float* packedA = _packA ? GemmPacking.RentA(Mc * Kc) : null;
        float* packedTail = _directB && tail != 0 ? GemmPacking.RentTail(Kc * Nr) : null;
        nint rs = _packA ? 1 : _rsA;
        nint cs = _packA ? Mr : _csA;

        for (int i0 = r0; i0 < r1; i0 += Mc)
        {
            int mb = Math.Min(Mc, r1 - i0);
            for (int p0 = k0; p0 < k1; p0 += Kc)
            {
                int kc = Math.Min(Kc, k1 - p0);
                bool load = _accumulate || p0 > 0;
                if (_packA)
                {
                    GemmPacking.PackA(packedA, _a, _csA, i0, mb, p0, kc);
                }

                // Even when B is read in place, its ragged last panel is packed, zero-padded, so that the
                // kernel never reads past the end of a row.
                if (packedTail != null)
                {
                    GemmPacking.PackPanelB(packedTail, _b, _rsB, _csB, p0, kc, j0 + nb - tail, tail);
                }

                float* block = packedB + ((nint)(p0 - k0) * panels * Nr);
                for (int q = 0; q < panels;)
                {
                    int remaining = nb - (q * Nr);
                    bool wide = _wide && remaining > Nr + 8;
                    int cols = Math.Min(remaining, wide ? 2 * Nr : Nr);
                    int width = wide ? 2 * Nr : GemmPacking.PanelWidth(cols);
                    float* b = PanelB(block, packedTail, j0, p0, kc, q, Math.Min(cols, Nr));
                    nint bStride = PanelStride(Math.Min(cols, Nr));
                    float* b2 = wide ? PanelB(block, packedTail, j0, p0, kc, q + 1, cols - Nr) : null;
                    nint b2Stride = wide ? PanelStride(cols - Nr) : 0;
                    for (int t = 0; t < mb; t += Mr)
                    {
                        int rows = Math.Min(Mr, mb - t);
                        float* ap = _packA ? packedA + ((nint)t * kc) : _a + ((nint)(i0 + t) * _rsA) + ((nint)p0 * _csA);
                        float* cp = _c + ((nint)(i0 + t) * _n) + j0 + (q * Nr);
                        if (cols == width)
                        {
                            Tile(width, rows, ap, rs, cs, b, bStride, b2, b2Stride, kc, cp, _n, load);
                            continue;
                        }

                        if (load)
                        {
                            CopyTile(cp, _n, scratch, 2 * Nr, rows, cols);
                        }
                        Tile(width, rows, ap, rs, cs, b, bStride, b2, b2Stride, kc, scratch, 2 * Nr, load);
                        CopyTile(scratch, 2 * Nr, cp, _n, rows, cols);
                    }
                    q += wide ? 2 : 1;
                }
            }
        }
    }

    /// <summary>Runs the register tile of <paramref name="width"/> columns that the plan chose: 32 in 512-bit registers, else 8 or 16.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Tile(int width, int rows, float* a, nint rs, nint cs, float* b, nint bStride, float* b2, nint b2Stride, int kc, float* c, nint ldc, bool load)
    {
        if (width == 2 * Nr)
        {
            GemmKernels.WideTile(rows, a, rs, cs, b, b2, bStride, b2Stride, kc, c, ldc, load);
        }
        else
        {
            GemmKernels.Tile(width, rows, a, rs, cs, b, bStride, kc, c, ldc, load, _simd);
        }
    }

    /// <summary>
    /// Where the micro-kernel reads panel <paramref name="q"/> (of <paramref name="cols"/> real columns) of the
    /// current kc block of B: in the packed block, in place in B for a full panel read directly, or in the packed
    /// copy of B's ragged last panel.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float* PanelB(float* block, float* packedTail, int j0, int p0, int kc, int q, int cols)
    {
        return !_directB ? block + ((nint)q * kc * Nr)
            : cols < Nr ? packedTail
            : _b + ((nint)p0 * _rsB) + j0 + (q * Nr);
    }

    /// <summary>The row stride of a panel of <paramref name="cols"/> real columns, where <see cref="PanelB"/> puts it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private nint PanelStride(int cols)
    {
        return _directB && cols == Nr ? _rsB : GemmPacking.PanelWidth(cols);
    }

    /// <summary>Copies a rows × cols tile between row strides <paramref name="sourceStride"/> and <paramref name="destinationStride"/>.</summary>
    private static void CopyTile(float* source, nint sourceStride, float* destination, nint destinationStride, int rows, int cols)
    {
        for (int ii = 0; ii < rows; ii++)
        {
            new ReadOnlySpan<float>(source + (ii * sourceStride), cols).CopyTo(new Span<float>(destination + (ii * destinationStride), cols));
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

    /// <summary>Depth, a multiple of <see cref="Gemm.Kc"/>, of a block of B with <paramref name="columns"/> columns: all of k unless packing it would exceed the budget.</summary>
    private int BlockDepth(int columns)
    {
        return _directB ? _k : Math.Max(Kc, PackedBBudget / ((columns + Nr - 1) / Nr * Nr) / Kc * Kc);
    }

    /// <summary>Packs rows [k0, k1) and columns [j0, j0+nb) of opB into the calling thread's buffer; null when B is read in place.</summary>
    private float* PackB(int j0, int nb, int k0, int k1)
    {
        if (_directB)
        {
            return null;
        }
        float* packed = GemmPacking.RentB((k1 - k0) * ((nb + Nr - 1) / Nr) * Nr);
        GemmPacking.PackB(packed, _b, _rsB, _csB, j0, nb, k0, k1);
        return packed;
    }
}
