using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Descent.Optim.Kernels;

/// <summary>
/// Software prefetch for the fused optimizer kernels, which stream four to six buffers through the core at once.
/// </summary>
/// <remarks>
/// Measured on the 2-core AMD EPYC (Zen 5, KVM guest) that bench/RESULTS.md records, one thread, 10M parameters,
/// median step time without → with a prefetch of every buffer 8 KiB ahead: SGD 2.05 → 1.55 ms, SGD with momentum
/// 3.3–3.9 → 2.9 ms, AdamW 4.6–4.8 → 3.8–4.3 ms, RMSprop and Adagrad 3–10% less. 1 KiB ahead gained little, 32 KiB
/// no more than 8 KiB, and one prefetch per line beat one per vector. The hardware prefetchers alone do not keep
/// this many streams far enough ahead of one core; with both cores streaming, the difference was within the noise.
/// Small buffers do not prefetch: 1,000 parameters of 10k elements gained 2–4%, while in the spam model's training
/// loop, whose parameters sit in the caches, Adam's step over its 5,700-element weight took 3–5 µs longer with it.
/// A prefetch is only a hint: it cannot fault, and where SSE is missing it compiles to nothing.
/// </remarks>
internal static class StreamPrefetch
{
    /// <summary>How far ahead to prefetch, in floats (8 KiB).</summary>
    public const int Distance = 2048;

    /// <summary>The shortest buffer that prefetches, in floats (128 KiB): one chunk of <see cref="ChunkedUpdate"/>.</summary>
    public const int MinLength = ChunkedUpdate.ChunkSize;

    /// <summary>
    /// Whether iteration <paramref name="i"/> of a <c>Vector256</c> loop over <paramref name="length"/> floats
    /// prefetches: once per 64-byte line, and only in buffers of at least <see cref="MinLength"/> floats.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Due(int i, int length) => (i & 15) == 0 && length >= MinLength;

    /// <summary>
    /// Prefetches the cache line <see cref="Distance"/> floats after element <paramref name="i"/> of a buffer of
    /// <paramref name="length"/> floats that starts at <paramref name="start"/>, clamped to its last element.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Ahead(ref float start, int i, int length)
    {
        if (Sse.IsSupported)
        {
            // The address is used at once and only as a hint, so the buffer need not be pinned: were it moved in
            // between, the prefetch would merely fetch a useless line.
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref start, Math.Min(i + Distance, length - 1))));
        }
    }
}
