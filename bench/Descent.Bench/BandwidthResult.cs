namespace Descent.Bench;

/// <summary>One STREAM-like kernel's result: the bytes it counts per element and the rate it reached.</summary>
internal sealed record BandwidthResult(string Kernel, string Formula, int BytesPerElement, Sample Time, long Elements)
{
    public double GBps => (double)BytesPerElement * Elements / Time.Median / 1e9;
}
