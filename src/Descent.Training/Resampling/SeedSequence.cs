namespace Descent.Training;

/// <summary>Derives independent seeds from one seed, so that the parts of a seeded experiment do not share a random stream.</summary>
internal static class SeedSequence
{
    /// <summary>The <paramref name="stream"/>-th seed derived from <paramref name="seed"/>: SplitMix64's output for seed + (stream + 1)·φ.</summary>
    public static ulong Derive(ulong seed, int stream)
    {
        ulong z = seed + (ulong)(stream + 1) * 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The given seed, or a random one when null.</summary>
    public static ulong OrRandom(ulong? seed) => seed ?? (ulong)Random.Shared.NextInt64();
}
