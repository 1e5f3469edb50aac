using Descent.Kernels;
using Descent.Optim.Tests.Support;

namespace Descent.Optim.Tests;

/// <summary>
/// Adam's vector paths over states of units without gradient (first moments decayed into the subnormals, second
/// moments and gradients whose squares underflow): every bit must be what the scalar float reference computes.
/// </summary>
public sealed class AdamSubnormalTests
{
    public static TheoryData<double, double, double, bool, bool, double, bool, int> Configs() => new()
    {
        // beta1, beta2, eps, amsgrad, maximize, weight decay, decoupled, step
        { 0.9, 0.999, 1e-8, false, false, 0, false, 1 },
        { 0.9, 0.999, 1e-8, false, false, 0, false, 5000 },
        { 0.9, 0.999, 0, false, false, 0, false, 3 },
        { 0.3, 0.99, 1e-8, false, false, 0, false, 7 },     // lerp weight ≥ 0.5: the other formula
        { 0.0, 0.999, 1e-8, false, false, 0, false, 2 },    // weight 1: the moment becomes 0
        { 0.999999, 0.999, 1e-8, false, false, 0, false, 9 }, // a tiny weight: a long shift
        { 0.9, 0.999, 1e-8, true, true, 0, false, 4 },      // amsgrad, and maximize (gradients −0)
        { 0.3, 0.999, 1e-8, false, true, 0, false, 4 },
        { 0.9, 0.999, 1e-8, false, false, 0.01, true, 6 },  // AdamW: θ shrinks, the gradient stays 0
        { 0.9, 0.999, 1e-8, false, false, 0.01, false, 6 }, // L2 decay: the gradient is no longer 0
    };

    [Theory]
    [MemberData(nameof(Configs))]
    public void FusedEqualsTheScalarReferenceBitForBit(double beta1, double beta2, double eps, bool amsgrad, bool maximize,
        double weightDecay, bool decoupled, int step)
    {
        var options = new AdamOptions
        {
            Lr = 0.01, Betas = (beta1, beta2), Eps = eps, Amsgrad = amsgrad, Maximize = maximize,
            WeightDecay = weightDecay, DecoupledWeightDecay = decoupled,
        };
        
        var random = new Random(step * 31 + (int)(beta1 * 1000));
        const int N = 4099;
        float[] theta = Fill(N, i => (i % 11) switch
        {
            0 => 0f,
            1 => 1e-35f * Sign(random),                                   // so small that θ may move
            2 => BitConverter.Int32BitsToSingle(random.Next(1, 1 << 23)), // subnormal θ
            3 => 1e30f * Sign(random),
            _ => (float)(random.NextDouble() - 0.5),
        });
        float[] grad = Fill(N, i => (i % 6) switch
        {
            0 or 1 or 2 => 0f,
            3 => i % 3 == 0 ? -0f : (float)random.NextDouble() * 1e-30f,  // squares underflow
            4 => Sign(random) * (float)Math.ScaleB(1 + random.NextDouble(), -random.Next(55, 100)), // around the bounds
            _ => (float)(random.NextDouble() - 0.5),
        });
        float[] m = Fill(N, i => (i % 7) switch
        {
            0 or 1 or 2 => Sign(random) * BitConverter.Int32BitsToSingle(random.Next(1, 1 << 23)), // any subnormal
            3 => Sign(random) * BitConverter.Int32BitsToSingle(random.Next(1, 12)),                // the last few units
            4 => 0f,
            5 => Sign(random) * (float)Math.ScaleB(1 + random.NextDouble(), -random.Next(120, 127)),  // the band above
            _ => (float)(random.NextDouble() - 0.5) * 1e-3f,
        });
        float[] v = Fill(N, i => (i % 13) switch
        {
            0 => 0f,
            1 or 2 => (float)Math.ScaleB(1 + random.NextDouble(), -random.Next(86, 126)),         // v·β₂ at and below 2⁻⁹⁰
            3 => BitConverter.Int32BitsToSingle(random.Next(1, 1 << 23)),                        // subnormal
            _ => (float)random.NextDouble() * (i % 2 == 0 ? 1e-10f : 1f),
        });
        float[] vMax = Fill(N, i => v[i] * (float)random.NextDouble() * 2);
        // Rows of dead units: whole vectors of +0 gradients over moments that no longer change, then the same with one
        // lane that breaks each shortcut (a θ small enough to move, a moment still decaying, a subnormal v).
        for (int i = 1024; i < 1024 + 160; i++)
        {
            grad[i] = 0f;
            m[i] = Sign(random) * BitConverter.Int32BitsToSingle(random.Next(1, 5));
            v[i] = (float)random.NextDouble() * 1e-6f + 1e-12f;
            theta[i] = (float)(random.NextDouble() - 0.5);
        }
        theta[1024 + 96 + 3] = 1e-35f;
        m[1024 + 112 + 5] = BitConverter.Int32BitsToSingle(1000);
        v[1024 + 128 + 7] = BitConverter.Int32BitsToSingle(77);
        m[1024 + 144 + 2] = 3e-38f;

        (float[] T, float[] M, float[] V, float[] X) fused = (Copy(theta), Copy(m), Copy(v), Copy(vMax));
        (float[] T, float[] M, float[] V, float[] X) reference = (Copy(theta), Copy(m), Copy(v), Copy(vMax));
        var op = new AdamOperator(options, step);
        ElementwiseUpdate.Run(op, new UpdateSlots(fused.T, grad, fused.M, fused.V, amsgrad ? fused.X : default));
        ElementwiseUpdate.Run(op, new UpdateSlots(reference.T, grad, reference.M, reference.V, amsgrad ? reference.X : default), new UpdatePath(Reference: true));

        Close.Bitwise(reference.T, fused.T, "theta");
        Close.Bitwise(reference.M, fused.M, "exp_avg");
        Close.Bitwise(reference.V, fused.V, "exp_avg_sq");
        Close.Bitwise(reference.X, fused.X, "max_exp_avg_sq");
        Assert.Contains(Enumerable.Range(0, N), i => BitConverter.SingleToInt32Bits(grad[i]) == 0 && float.IsSubnormal(m[i]));
    }

    private static float Sign(Random random) => random.Next(2) == 0 ? -1f : 1f;

    private static float[] Fill(int n, Func<int, float> value) => [.. Enumerable.Range(0, n).Select(value)];

    private static float[] Copy(float[] a) => (float[])a.Clone();
}
