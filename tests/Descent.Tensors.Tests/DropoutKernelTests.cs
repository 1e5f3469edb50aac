namespace Descent.Tensors.Tests;

/// <summary>The vectorized dropout equals its scalar definition for every length, bit for bit.</summary>
public sealed class DropoutKernelTests
{
    [Fact]
    public void DropoutEqualsTheScalarDefinitionForLengths0To257()
    {
        foreach (double p in new[] { 0.1, 0.5, 0.9 })
        {
            for (int n = 0; n <= 257; n++)
            {
                Tensor x = Tensor.Randn([n], new Generator((ulong)n + 11));
                float[] actual = x.Dropout(p, new Generator(7)).ToArray();

                // Definition: two 24-bit samples per 64-bit draw of four interleaved streams, kept below
                // ⌈(1 − p)·2²⁴⌉, scaled by 1/(1 − p).
                float keep = (float)(1 - p);
                float scale = 1f / keep;
                ulong threshold = (ulong)Math.Ceiling(keep * 16777216.0);
                ulong[] draws = InterleavedStreams.Expected(new Generator(7), (n + 1) / 2);
                float[] xs = x.ToArray();
                for (int i = 0; i < n; i++)
                {
                    ulong r = draws[i / 2];
                    ulong u = i % 2 == 0 ? r >> 40 : (r >> 16) & 0xFFFFFF;
                    float expected = xs[i] * (u < threshold ? scale : 0f);
                    Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual[i]),
                        $"p {p}, length {n}, element {i}: expected {expected}, got {actual[i]}");
                }
            }
        }
    }

    [Fact]
    public void TheKeptFractionIsOneMinusP()
    {
        Tensor x = Tensor.Ones(100_000);
        float[] y = x.Dropout(0.3, new Generator(1)).ToArray();
        double kept = y.Count(v => v != 0) / (double)y.Length;
        Assert.InRange(kept, 0.69, 0.71);
        Assert.All(y.Where(v => v != 0), v => Assert.Equal(1f / 0.7f, v));
    }

    [Fact]
    public void TheGradientIsTheIncomingGradientThroughTheSameScaledMaskForEveryLength()
    {
        for (int n = 0; n <= 67; n++)
        {
            Tensor x = Tensor.Randn([n], new Generator((ulong)n + 5)).RequireGrad();
            Tensor y = x.Dropout(0.4, new Generator(9));
            Tensor w = Tensor.Randn([n], new Generator(77));
            (y * w).Sum().Backward();
            float[] xs = x.Detach().ToArray();
            float[] ys = y.Detach().ToArray();
            float[] ws = w.ToArray();
            float[] grad = n == 0 ? [] : x.Grad!.ToArray();
            float scale = 1f / 0.6f;
            for (int i = 0; i < n; i++)
            {
                // Kept exactly where the output is the scaled input (inputs are never 0 here).
                bool kept = ys[i] == xs[i] * scale;
                Assert.True(kept || ys[i] == 0f);
                Assert.Equal(BitConverter.SingleToInt32Bits(ws[i] * (kept ? scale : 0f)), BitConverter.SingleToInt32Bits(grad[i]));
            }
        }
    }
}
