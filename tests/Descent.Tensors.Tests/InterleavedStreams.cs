namespace Descent.Tensors.Tests;

/// <summary>
/// The definition of <see cref="Generator.FillInterleaved"/>, written out one value at a time: eight xoshiro256**
/// streams, each seeded through SplitMix64 by one of the generator's next eight values, read round-robin.
/// </summary>
internal static class InterleavedStreams
{
    public static ulong[] Expected(Generator generator, int length)
    {
        var streams = new ulong[8][];
        for (int lane = 0; lane < 8; lane++)
        {
            ulong x = generator.NextUInt64();
            streams[lane] = [SplitMix64(ref x), SplitMix64(ref x), SplitMix64(ref x), SplitMix64(ref x)];
        }
        var values = new ulong[length];
        for (int i = 0; i < length; i++)
        {
            ulong[] s = streams[i % 8];
            values[i] = ulong.RotateLeft(s[1] * 5, 7) * 9;
            ulong t = s[1] << 17;
            s[2] ^= s[0];
            s[3] ^= s[1];
            s[1] ^= s[2];
            s[0] ^= s[3];
            s[2] ^= t;
            s[3] = ulong.RotateLeft(s[3], 45);
        }
        return values;
    }

    // Vigna's SplitMix64.
    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
