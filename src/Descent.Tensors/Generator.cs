using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Descent;

/// <summary>
/// A seedable pseudo-random number generator (xoshiro256**, seeded through SplitMix64). The same seed gives
/// the same numbers on every run, thread count and platform: it uses only integer arithmetic and IEEE
/// double operations whose results are fully specified.
/// </summary>
/// <remarks>An instance is not thread-safe; give each thread its own generator.</remarks>
public sealed class Generator
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>Creates a generator from a seed.</summary>
    public Generator(ulong seed = 0) => ManualSeed(seed);

    /// <summary>The generator used when none is passed; seed it with <see cref="ManualSeed"/> for reproducible runs.</summary>
    public static Generator Default { get; } = new(0);

    /// <summary>The number of bytes of <see cref="GetState"/>.</summary>
    public const int StateSize = 32;

    /// <summary>Resets the generator to the sequence of <paramref name="seed"/>.</summary>
    public Generator ManualSeed(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
        return this;
    }

    /// <summary>The full state, to resume the sequence later with <see cref="SetState"/>.</summary>
    public byte[] GetState()
    {
        var state = new byte[StateSize];
        BitConverter.TryWriteBytes(state.AsSpan(0), _s0);
        BitConverter.TryWriteBytes(state.AsSpan(8), _s1);
        BitConverter.TryWriteBytes(state.AsSpan(16), _s2);
        BitConverter.TryWriteBytes(state.AsSpan(24), _s3);
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Generator state is defined for little-endian machines.");
        }
        return state;
    }

    /// <summary>Restores a state produced by <see cref="GetState"/>.</summary>
    /// <exception cref="ArgumentException">The state has the wrong length or is all zero (not a reachable state).</exception>
    public void SetState(ReadOnlySpan<byte> state)
    {
        if (state.Length != StateSize)
        {
            throw new ArgumentException($"Generator state must be {StateSize} bytes, got {state.Length}.", nameof(state));
        }
        ulong s0 = BitConverter.ToUInt64(state[..8]);
        ulong s1 = BitConverter.ToUInt64(state[8..16]);
        ulong s2 = BitConverter.ToUInt64(state[16..24]);
        ulong s3 = BitConverter.ToUInt64(state[24..32]);
        if ((s0 | s1 | s2 | s3) == 0)
        {
            throw new ArgumentException("Generator state of all zeros is not valid.", nameof(state));
        }
        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64() => Next(ref _s0, ref _s1, ref _s2, ref _s3);

    /// <summary>Fills <paramref name="destination"/> with the next 64-bit values, as repeated <see cref="NextUInt64"/> calls would.</summary>
    public void Fill(Span<ulong> destination)
    {
        // The state lives in locals for the loop: the same sequence, without a load and store of each field per value.
        (ulong s0, ulong s1, ulong s2, ulong s3) = (_s0, _s1, _s2, _s3);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = Next(ref s0, ref s1, ref s2, ref s3);
        }
        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }

    /// <summary>
    /// Fills <paramref name="destination"/> from eight xoshiro256** streams run side by side, element i from stream
    /// i mod 8 (one 512-bit register, or two 256-bit ones). The streams are seeded, through SplitMix64 as
    /// <see cref="ManualSeed"/> seeds, by this generator's next eight values, so this generator advances by exactly
    /// eight draws whatever the length. Not the values repeated
    /// <see cref="NextUInt64"/> calls would give: for bulk randomness, such as dropout masks, where one stream's
    /// serial dependency chain (about 1.1 ns a value) would dominate.
    /// </summary>
    internal void FillInterleaved(Span<ulong> destination)
    {
        Span<ulong> seeds = stackalloc ulong[Streams * 4];
        for (int lane = 0; lane < Streams; lane++)
        {
            ulong x = NextUInt64();
            for (int word = 0; word < 4; word++)
            {
                seeds[(word * Streams) + lane] = SplitMix64(ref x);
            }
        }
        int i = 0;
        ref ulong d0 = ref MemoryMarshal.GetReference(destination);
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<ulong> s0 = Vector512.Create<ulong>(seeds[..8]);
            Vector512<ulong> s1 = Vector512.Create<ulong>(seeds[8..16]);
            Vector512<ulong> s2 = Vector512.Create<ulong>(seeds[16..24]);
            Vector512<ulong> s3 = Vector512.Create<ulong>(seeds[24..32]);
            for (; i + Streams <= destination.Length; i += Streams)
            {
                // x·5 = (x << 2) + x and x·9 = (x << 3) + x.
                Vector512<ulong> r = RotateLeft((s1 << 2) + s1, 7);
                ((r << 3) + r).StoreUnsafe(ref d0, (nuint)i);
                Vector512<ulong> t = s1 << 17;
                s2 ^= s0;
                s3 ^= s1;
                s1 ^= s2;
                s0 ^= s3;
                s2 ^= t;
                s3 = RotateLeft(s3, 45);
            }
            s0.CopyTo(seeds[..8]);
            s1.CopyTo(seeds[8..16]);
            s2.CopyTo(seeds[16..24]);
            s3.CopyTo(seeds[24..32]);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            // Streams 0–3 and 4–7 as two halves.
            for (int half = 0; half < Streams; half += 4)
            {
                Vector256<ulong> s0 = Vector256.Create<ulong>(seeds.Slice(half, 4));
                Vector256<ulong> s1 = Vector256.Create<ulong>(seeds.Slice(Streams + half, 4));
                Vector256<ulong> s2 = Vector256.Create<ulong>(seeds.Slice((2 * Streams) + half, 4));
                Vector256<ulong> s3 = Vector256.Create<ulong>(seeds.Slice((3 * Streams) + half, 4));
                for (int j = 0; j + Streams <= destination.Length; j += Streams)
                {
                    // x·5 = (x << 2) + x and x·9 = (x << 3) + x: AVX2 has no 64-bit multiply.
                    Vector256<ulong> r = RotateLeft((s1 << 2) + s1, 7);
                    ((r << 3) + r).StoreUnsafe(ref d0, (nuint)(j + half));
                    Vector256<ulong> t = s1 << 17;
                    s2 ^= s0;
                    s3 ^= s1;
                    s1 ^= s2;
                    s0 ^= s3;
                    s2 ^= t;
                    s3 = RotateLeft(s3, 45);
                }
                s0.CopyTo(seeds.Slice(half, 4));
                s1.CopyTo(seeds.Slice(Streams + half, 4));
                s2.CopyTo(seeds.Slice((2 * Streams) + half, 4));
                s3.CopyTo(seeds.Slice((3 * Streams) + half, 4));
            }
            i = destination.Length / Streams * Streams;
        }
        for (; i < destination.Length; i++)
        {
            int lane = i % Streams;
            destination[i] = Next(ref seeds[lane], ref seeds[Streams + lane], ref seeds[(2 * Streams) + lane], ref seeds[(3 * Streams) + lane]);
        }
    }

    /// <summary>One xoshiro256** step of the state (s0, s1, s2, s3): returns its output and advances it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Next(ref ulong s0, ref ulong s1, ref ulong s2, ref ulong s3)
    {
        ulong result = RotateLeft(s1 * 5, 7) * 9;
        ulong t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 45);
        return result;
    }

    private const int Streams = 8;

    private static Vector256<ulong> RotateLeft(Vector256<ulong> x, int k) => (x << k) | (x >> (64 - k));

    private static Vector512<ulong> RotateLeft(Vector512<ulong> x, int k) => (x << k) | (x >> (64 - k));

    /// <summary>A uniform float in [0, 1) with 24 random bits.</summary>
    public float NextFloat() => (NextUInt64() >> 40) * (1.0f / (1 << 24));

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A standard normal sample (Box–Muller, one sample per call so the state stays four words).</summary>
    public double NextNormal()
    {
        double u1 = 1.0 - NextDouble(); // (0, 1]: log is finite
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>A uniform integer in [<paramref name="low"/>, <paramref name="high"/>), without modulo bias.</summary>
    public long NextInt64(long low, long high)
    {
        if (high <= low)
        {
            throw new ArgumentOutOfRangeException(nameof(high), high, $"high must be greater than low ({low}).");
        }
        ulong range = (ulong)(high - low);
        ulong limit = ulong.MaxValue - (ulong.MaxValue % range);
        ulong r;
        do
        {
            r = NextUInt64();
        }
        while (r >= limit);
        return low + (long)(r % range);
    }

    /// <summary>A random permutation of 0..n-1 (Fisher–Yates).</summary>
    public int[] Permutation(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var p = new int[n];
        for (int i = 0; i < n; i++)
        {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--)
        {
            int j = (int)NextInt64(0, i + 1);
            (p[i], p[j]) = (p[j], p[i]);
        }
        return p;
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
