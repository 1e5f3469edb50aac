using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Descent.Bench;

/// <summary>
/// STREAM-like copy, triad and update, and axpy (a = a + s·b, an SGD step's traffic), over arrays far larger than the
/// caches, on all cores: the memory bandwidth that bounds every optimizer step from below.
/// </summary>
/// <remarks>
/// Bytes are counted as STREAM counts them: each array read or written once per element, without the hidden read
/// that a cache-allocating store adds (copy and triad pay it; update and axpy do not, since they write what they
/// read). Loops are <see cref="Vector256"/> loads and stores, the same instructions the optimizer kernels use, with
/// no streaming stores; each kernel runs plainly and with the software prefetch the optimizer kernels use (every
/// buffer 8 KiB ahead, once per cache line), so that no rate here is one the kernels could beat just by prefetching.
/// Each run splits the arrays into one fixed range per core (see <see cref="StaticTeam"/>).
/// </remarks>
internal static class Bandwidth
{
    public static IReadOnlyList<BandwidthResult> Measure(BenchOptions options, TextWriter log)
    {
        // 3 × 128 MiB: more than ten times the 32 MiB L3 of the machine that bench/RESULTS.md records.
        int n = options.Quick ? 1 << 20 : 1 << 25;
        var a = new float[n];
        var b = new float[n];
        var c = new float[n];
        // First touch from the same threads and ranges the kernels use.
        ForRanges(n, (lo, hi) =>
        {
            a.AsSpan(lo, hi - lo).Fill(1f);
            b.AsSpan(lo, hi - lo).Fill(2f);
            c.AsSpan(lo, hi - lo).Fill(0f);
        });
        var results = new List<BandwidthResult>();
        foreach (bool prefetch in new[] { false, true })
        {
            string suffix = prefetch ? " + prefetch" : "";
            results.Add(Run("copy" + suffix, "c = a", 8, n, (lo, hi) => Copy(a, c, lo, hi, prefetch), options));
            results.Add(Run("triad" + suffix, "a = b + s·c", 12, n, (lo, hi) => Triad(a, b, c, 0.5f, lo, hi, prefetch), options));
            results.Add(Run("update" + suffix, "a = s·a", 8, n, (lo, hi) => Scale(a, 0.999f, lo, hi, prefetch), options));
            results.Add(Run("axpy" + suffix, "a = a + s·b", 12, n, (lo, hi) => Axpy(a, b, 1e-3f, lo, hi, prefetch), options));
        }
        foreach (BandwidthResult r in results)
        {
            log.WriteLine($"  bandwidth {r.Kernel,-17} {r.GBps,7:F1} GB/s");
        }
        return results;
    }

    /// <summary>The best rate of any kernel.</summary>
    public static double BestGBps(IReadOnlyList<BandwidthResult> results) => results.Max(r => r.GBps);

    private static BandwidthResult Run(string name, string formula, int bytes, int n, Action<int, int> kernel, BenchOptions options)
    {
        Sample time = Timing.Measure(() => ForRanges(n, kernel), options.Warmup, Math.Max(options.Repetitions, 5), options.MinWarmupSeconds);
        return new BandwidthResult(name, formula, bytes, time, n);
    }

    /// <summary>Splits [0, n) into one contiguous range per core and runs them in parallel (see <see cref="StaticTeam"/>).</summary>
    internal static void ForRanges(int n, Action<int, int> kernel) => StaticTeam.Shared.Run(n, kernel);

    private static void Copy(float[] src, float[] dst, int lo, int hi, bool prefetch)
    {
        ref float s = ref MemoryMarshal.GetArrayDataReference(src);
        ref float d = ref MemoryMarshal.GetArrayDataReference(dst);
        int i = lo;
        for (; i <= hi - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            if (prefetch && (i & 15) == 0)
            {
                Prefetch(ref s, i, hi);
                Prefetch(ref d, i, hi);
            }
            Vector256.LoadUnsafe(ref s, (nuint)i).StoreUnsafe(ref d, (nuint)i);
        }
        for (; i < hi; i++)
        {
            dst[i] = src[i];
        }
    }

    private static void Triad(float[] a, float[] b, float[] c, float scalar, int lo, int hi, bool prefetch)
    {
        ref float a0 = ref MemoryMarshal.GetArrayDataReference(a);
        ref float b0 = ref MemoryMarshal.GetArrayDataReference(b);
        ref float c0 = ref MemoryMarshal.GetArrayDataReference(c);
        var s = Vector256.Create(scalar);
        int i = lo;
        for (; i <= hi - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            if (prefetch && (i & 15) == 0)
            {
                Prefetch(ref a0, i, hi);
                Prefetch(ref b0, i, hi);
                Prefetch(ref c0, i, hi);
            }
            (Vector256.LoadUnsafe(ref b0, (nuint)i) + s * Vector256.LoadUnsafe(ref c0, (nuint)i)).StoreUnsafe(ref a0, (nuint)i);
        }
        for (; i < hi; i++)
        {
            a[i] = b[i] + scalar * c[i];
        }
    }

    private static void Axpy(float[] a, float[] b, float scalar, int lo, int hi, bool prefetch)
    {
        ref float a0 = ref MemoryMarshal.GetArrayDataReference(a);
        ref float b0 = ref MemoryMarshal.GetArrayDataReference(b);
        var s = Vector256.Create(scalar);
        int i = lo;
        for (; i <= hi - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            if (prefetch && (i & 15) == 0)
            {
                Prefetch(ref a0, i, hi);
                Prefetch(ref b0, i, hi);
            }
            (Vector256.LoadUnsafe(ref a0, (nuint)i) + s * Vector256.LoadUnsafe(ref b0, (nuint)i)).StoreUnsafe(ref a0, (nuint)i);
        }
        for (; i < hi; i++)
        {
            a[i] += scalar * b[i];
        }
    }

    internal static void Scale(float[] a, float scalar, int lo, int hi, bool prefetch)
    {
        ref float a0 = ref MemoryMarshal.GetArrayDataReference(a);
        var s = Vector256.Create(scalar);
        int i = lo;
        for (; i <= hi - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            if (prefetch && (i & 15) == 0)
            {
                Prefetch(ref a0, i, hi);
            }
            (s * Vector256.LoadUnsafe(ref a0, (nuint)i)).StoreUnsafe(ref a0, (nuint)i);
        }
        for (; i < hi; i++)
        {
            a[i] *= scalar;
        }
    }

    /// <summary>The optimizer kernels' prefetch: the line 2048 floats ahead, clamped to the range.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Prefetch(ref float start, int i, int hi)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref start, Math.Min(i + 2048, hi - 1))));
        }
    }
}
