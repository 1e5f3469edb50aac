using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Descent.Kernels;

/// <summary>
/// Runs an optimizer's element-wise update (an <see cref="IUpdateOperator"/>) over one parameter (many at once:
/// <see cref="UpdateBatch{TOp}"/>): the span references,
/// software prefetch, the 512- or 256-bit main loop, the scalar tail, chunking across cores and the reference path.
/// </summary>
/// <remarks>
/// <para>
/// Each element's update reads and writes only that element, and the chunk boundaries depend on the length alone, so
/// the result is bitwise the same for every thread count, every assignment of chunks to threads, and the serial path.
/// Parameters below <see cref="ParallelThreshold"/> stay on the calling thread. Nothing is allocated per call: the
/// operator and its buffers are parked in a static slot per operator type for the pool's threads, and the pool's
/// threads are started once, at the first step of a parameter above the threshold.
/// </para>
/// <para>
/// Prefetch, measured on the 2-core AMD EPYC (Zen 5, KVM guest) that bench/RESULTS.md records, one thread, 10M
/// parameters, median step time without → with a prefetch of every buffer 8 KiB ahead: SGD 2.05 → 1.55 ms, SGD with
/// momentum 3.3–3.9 → 2.9 ms, AdamW 4.6–4.8 → 3.8–4.3 ms, RMSprop and Adagrad 3–10% less. 1 KiB ahead gained little,
/// 32 KiB no more than 8 KiB, and one prefetch per line beat one per vector. The hardware prefetchers alone do not
/// keep this many streams far enough ahead of one core; with both cores streaming, the difference was within the
/// noise. Small buffers do not prefetch: 1,000 parameters of 10k elements gained 2–4%, while in the spam model's
/// training loop, whose parameters sit in the caches, Adam's step over its 5,700-element weight took 3–5 µs longer
/// with it. A prefetch is only a hint: it cannot fault, and where SSE is missing it compiles to nothing.
/// </para>
/// </remarks>
public static class ElementwiseUpdate
{
    /// <summary>
    /// Elements per chunk, the unit that threads claim (a thread runs up to <see cref="WorkerPool.OwnerBatch"/> of its
    /// own at once) and steal: 128 KiB of each buffer, large enough that claiming costs nothing against moving it,
    /// small enough that a late or preempted thread leaves little for the others to wait on.
    /// </summary>
    public const int ChunkSize = 1 << 15;

    /// <summary>
    /// Parameters with fewer elements stay on the calling thread. Measured on 2 cores: an AdamW step over this many
    /// elements takes about 20 µs on one thread; a helper that is awake halves that, and one that the OS has not
    /// scheduled yet costs the caller about 1 µs, the wake-up call, since the caller claims the chunks itself. Smaller
    /// steps were tried: the spam model's 5,700-element Adam step split in two ran 1–2 µs faster while the second core
    /// was free, but whole training steps then ran a third slower while this shared machine's second core was busy.
    /// </summary>
    public const int ParallelThreshold = 2 * ChunkSize;

    /// <summary>How far ahead to prefetch, in floats (8 KiB).</summary>
    private const int PrefetchDistance = 2048;

    /// <summary>The shortest buffer that prefetches, in floats: one chunk.</summary>
    private const int PrefetchMinLength = ChunkSize;

    /// <summary>Runs <paramref name="op"/> over every element of <paramref name="slots"/>, as <paramref name="path"/> says.</summary>
    public static void Run<TOp>(in TOp op, in UpdateSlots slots, UpdatePath path = default)
        where TOp : struct, IUpdateOperator
    {
        int length = slots.Length;
        if (path.Reference)
        {
            Scalar(op, slots.Theta.Span, slots.Grad.Span, slots.S0.Span, slots.S1.Span, slots.S2.Span, 0);
            return;
        }
        // The length is checked first so that a process that never steps a large parameter never starts the pool.
        if (length < ParallelThreshold || path.MaxThreads == 1)
        {
            Fused(op, slots.Theta.Span, slots.Grad.Span, slots.S0.Span, slots.S1.Span, slots.S2.Span);
            return;
        }
        WorkerPool pool = WorkerPool.Shared;
        int threads = path.MaxThreads > 0 ? Math.Min(path.MaxThreads, pool.HelperCount + 1) : pool.HelperCount + 1;
        if (threads < 2 || !pool.TryAcquire())
        {
            Fused(op, slots.Theta.Span, slots.Grad.Span, slots.S0.Span, slots.S1.Span, slots.S2.Span);
            return;
        }
        try
        {
            ChunkSlot<TOp>.Op = op;
            ChunkSlot<TOp>.Slots = slots;
            pool.Run(ChunkSlot<TOp>.RunChunks, (int)(((long)length + ChunkSize - 1) / ChunkSize), threads);
        }
        finally
        {
            // Drops the parked buffers, so that the slot does not keep a parameter alive.
            ChunkSlot<TOp>.Slots = default;
            pool.Release();
        }
    }

    /// <summary>
    /// The fast path over elements [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>) of
    /// <paramref name="slots"/>, on this thread; <paramref name="stream"/> prefetches even a short slice (a piece of a
    /// large batch, streamed from memory like a large parameter).
    /// </summary>
    internal static void RunSlice<TOp>(in TOp op, in UpdateSlots slots, int start, int length, bool stream = false,
        in Lookahead next = default)
        where TOp : struct, IUpdateOperator =>
        Fused(op, slots.Theta.Span.Slice(start, length), slots.Grad.Span.Slice(start, length), Slice(slots.S0, start, length),
            Slice(slots.S1, start, length), Slice(slots.S2, start, length), stream, next);

    private static Span<float> Slice(Memory<float> buffer, int start, int length) =>
        buffer.IsEmpty ? default : buffer.Span.Slice(start, length);

    /// <summary>The vector loops over the spans, then the scalar tail; spans are θ's length or empty.</summary>
    private static void Fused<TOp>(TOp op, Span<float> theta, ReadOnlySpan<float> grad, Span<float> s0, Span<float> s1, Span<float> s2,
        bool stream = false, in Lookahead next = default)
        where TOp : struct, IUpdateOperator
    {
        int n = theta.Length;
        int i = 0;
        ref float t0 = ref MemoryMarshal.GetReference(theta);
        ref float g0 = ref MemoryMarshal.GetReference(grad);
        // An empty state's reference is null; the operator never touches it, so its offsets are never dereferenced.
        ref float a0 = ref MemoryMarshal.GetReference(s0);
        ref float b0 = ref MemoryMarshal.GetReference(s1);
        ref float c0 = ref MemoryMarshal.GetReference(s2);
        bool prefetch = stream || n >= PrefetchMinLength;
        if (TOp.IsWide && Vector512.IsHardwareAccelerated)
        {
            for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                if (prefetch)
                {
                    PrefetchAll(ref t0, ref g0, ref a0, ref b0, ref c0, s0.Length, s1.Length, s2.Length, i, n, next);
                }
                op.Invoke(ref At<Lanes512>(ref t0, i), new Lanes512(Vector512.LoadUnsafe(ref g0, (nuint)i)),
                    ref At<Lanes512>(ref a0, i), ref At<Lanes512>(ref b0, i), ref At<Lanes512>(ref c0, i));
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                // Once per 64-byte line.
                if (prefetch && (i & 15) == 0)
                {
                    PrefetchAll(ref t0, ref g0, ref a0, ref b0, ref c0, s0.Length, s1.Length, s2.Length, i, n, next);
                }
                op.Invoke(ref At<Lanes256>(ref t0, i), new Lanes256(Vector256.LoadUnsafe(ref g0, (nuint)i)),
                    ref At<Lanes256>(ref a0, i), ref At<Lanes256>(ref b0, i), ref At<Lanes256>(ref c0, i));
            }
        }
        Scalar(op, theta, grad, s0, s1, s2, i);
    }

    /// <summary>The scalar form over elements [<paramref name="start"/>, n): the reference, and the vector loops' tail.</summary>
    private static void Scalar<TOp>(TOp op, Span<float> theta, ReadOnlySpan<float> grad, Span<float> s0, Span<float> s1, Span<float> s2,
        int start)
        where TOp : struct, IUpdateOperator
    {
        ref float t0 = ref MemoryMarshal.GetReference(theta);
        ref float g0 = ref MemoryMarshal.GetReference(grad);
        ref float a0 = ref MemoryMarshal.GetReference(s0);
        ref float b0 = ref MemoryMarshal.GetReference(s1);
        ref float c0 = ref MemoryMarshal.GetReference(s2);
        for (int i = start; i < theta.Length; i++)
        {
            op.Invoke(ref Unsafe.Add(ref t0, i), Unsafe.Add(ref g0, i), ref Unsafe.Add(ref a0, i), ref Unsafe.Add(ref b0, i), ref Unsafe.Add(ref c0, i));
        }
    }

    /// <summary>Element <paramref name="i"/> onwards as one vector of lanes (unaligned loads and stores, as LoadUnsafe).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref TVector At<TVector>(ref float start, int i) => ref Unsafe.As<float, TVector>(ref Unsafe.Add(ref start, i));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrefetchAll(ref float t0, ref float g0, ref float a0, ref float b0, ref float c0, int n0, int n1, int n2, int i, int n,
        in Lookahead next)
    {
        Prefetch(ref t0, i, n, next.Theta, next.Length);
        Prefetch(ref Unsafe.AsRef(in g0), i, n, next.Grad, next.Length);
        if (n0 != 0)
        {
            Prefetch(ref a0, i, n, next.S0, next.Length);
        }
        if (n1 != 0)
        {
            Prefetch(ref b0, i, n, next.S1, next.Length);
        }
        if (n2 != 0)
        {
            Prefetch(ref c0, i, n, next.S2, next.Length);
        }
    }

    /// <summary>
    /// Prefetches the cache line <see cref="PrefetchDistance"/> floats after element <paramref name="i"/>; past the
    /// buffer's end, the line as far into <paramref name="next"/> (the next slice's buffer), else the last element's.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Prefetch(ref float start, int i, int length, nint next, int nextLength)
    {
        if (Sse.IsSupported)
        {
            // The address is used at once and only as a hint, so the buffer need not be pinned: were it moved in
            // between, the prefetch would merely fetch a useless line. The same holds for the next slice's address.
            int j = i + PrefetchDistance;
            Sse.Prefetch0(j < length ? Unsafe.AsPointer(ref Unsafe.Add(ref start, j))
                : next != 0 ? (void*)(next + (sizeof(float) * (nint)Math.Min(j - length, nextLength - 1)))
                : Unsafe.AsPointer(ref Unsafe.Add(ref start, length - 1)));
        }
    }

    /// <summary>
    /// The addresses of the slice that a streamed slice runs before (each buffer's first element, 0 for an unused
    /// state), so that its prefetch runs on into them over its last <see cref="PrefetchDistance"/> elements instead of
    /// stopping at its own end. Only hints are made from them, so they need not stay valid.
    /// </summary>
    internal readonly unsafe struct Lookahead
    {
        public readonly nint Theta, Grad, S0, S1, S2;
        public readonly int Length;

        public Lookahead(in UpdateSlots slots)
        {
            Length = slots.Length;
            Theta = Address(slots.Theta.Span);
            Grad = Address(slots.Grad.Span);
            (S0, S1, S2) = (Address(slots.S0.Span), Address(slots.S1.Span), Address(slots.S2.Span));
        }

        private static nint Address(ReadOnlySpan<float> buffer) =>
            buffer.IsEmpty ? 0 : (nint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(buffer));
    }

    /// <summary>
    /// Where <see cref="Run"/> parks the current dispatch for the pool's threads: one static slot per operator type, so
    /// the operator is never boxed, and one delegate per type, created once. Only the thread that holds
    /// <see cref="WorkerPool.Shared"/> writes it, and the pool's dispatch publishes the write to its helpers.
    /// </summary>
    private static class ChunkSlot<TOp>
        where TOp : struct, IUpdateOperator
    {
        public static TOp Op;
        public static UpdateSlots Slots;

        /// <summary>Runs chunks <c>first</c> to <c>first + count − 1</c>, cut at the end.</summary>
        public static readonly Action<int, int> RunChunks = static (first, count) =>
        {
            int start = first * ChunkSize;
            RunSlice(Op, Slots, start, (int)Math.Min((long)count * ChunkSize, Slots.Length - start));
        };
    }
}
