using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Descent.Kernels;
using Descent.Optim.Tests.Support;

namespace Descent.Optim.Tests;

/// <summary>
/// Adam's fused kernel computes first moments that have decayed into the subnormals (units without gradient) in
/// integer arithmetic; every bit must still be what the scalar float reference computes.
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
        (float[] T, float[] M, float[] V, float[] X) plain = (Copy(theta), Copy(m), Copy(v), Copy(vMax));
        var op = new AdamOperator(options, step);
        ElementwiseUpdate.Run(op, new UpdateSlots(fused.T, grad, fused.M, fused.V, amsgrad ? fused.X : default));
        ElementwiseUpdate.Run(op, new UpdateSlots(reference.T, grad, reference.M, reference.V, amsgrad ? reference.X : default), new UpdatePath(Reference: true));
        // The plain path alone, every vector through the float formula, assists and all.
        ElementwiseUpdate.Run(new AdamOperator(options, step, tinyValues: false),
            new UpdateSlots(plain.T, grad, plain.M, plain.V, amsgrad ? plain.X : default));

        Close.Bitwise(reference.T, fused.T, "theta");
        Close.Bitwise(reference.M, fused.M, "exp_avg");
        Close.Bitwise(reference.V, fused.V, "exp_avg_sq");
        Close.Bitwise(reference.X, fused.X, "max_exp_avg_sq");
        Close.Bitwise(reference.T, plain.T, "theta, plain path");
        Close.Bitwise(reference.M, plain.M, "exp_avg, plain path");
        Close.Bitwise(reference.V, plain.V, "exp_avg_sq, plain path");
        Close.Bitwise(reference.X, plain.X, "max_exp_avg_sq, plain path");
        Assert.Contains(Enumerable.Range(0, N), i => BitConverter.SingleToInt32Bits(grad[i]) == 0 && float.IsSubnormal(m[i]));
    }

    [Theory]
    [InlineData(0.9)]      // weight 0.1f: an odd significand, no ties
    [InlineData(0.75)]     // weight 0.25: ties where M ≡ 2 (mod 4)
    [InlineData(0.5)]      // weight 0.5 takes the other formula: ties at every odd M
    [InlineData(0.3)]
    [InlineData(0.999999)]
    public void EverySmallMomentDecaysAsTheFloatFormulaDecaysIt(double beta1)
    {
        var moments = new Moments((beta1, 0.999));
        var tiny = new AdamTinyValues((beta1, 0.999));
        if (!tiny.CanDecaySubnormals)
        {
            return; // no AVX2: the kernels never take this path
        }
        // Every subnormal magnitude, then normal ones up to the limit in steps of 5 (every residue of the low bits
        // several times over), and the last thousand below the limit; signs alternate.
        int limit = BitConverter.SingleToInt32Bits(tiny.SmallMomentLimit);
        Assert.InRange(tiny.SmallMomentLimit, Math.Pow(2, -125), Math.Pow(2, -122));
        var patterns = new List<int>();
        for (int bits = 1; bits < limit; bits += bits < 1 << 23 || bits >= limit - 1000 ? 1 : 5)
        {
            patterns.Add(bits);
        }
        Span<float> lanes = stackalloc float[8];
        for (int first = 0; first < patterns.Count; first += 8)
        {
            for (int j = 0; j < 8; j++)
            {
                float magnitude = BitConverter.Int32BitsToSingle(patterns[Math.Min(first + j, patterns.Count - 1)]);
                lanes[j] = (j + (first / 8)) % 2 == 0 ? magnitude : -magnitude;
            }
            Vector256<float> decayed = tiny.DecaySmall(Vector256.Create<float>(lanes));
            for (int j = 0; j < 8; j++)
            {
                float expected = moments.First(lanes[j], 0f);
                if (BitConverter.SingleToInt32Bits(expected) != BitConverter.SingleToInt32Bits(decayed[j]))
                {
                    Assert.Fail($"m = {lanes[j]:R} ({BitConverter.SingleToInt32Bits(lanes[j]):X8}): float gives {expected:R}, integers give {decayed[j]:R}");
                }
            }
        }
    }

    [Theory]
    [InlineData(0.9)]
    [InlineData(0.3)]
    [InlineData(0.999999)]
    public void AboveTheAbsorbingGradientASubnormalMomentChangesNoBit(double beta1)
    {
        // Every subnormal magnitude scale against gradients from the bound up: First(m, g) = First(0, g).
        var moments = new Moments((beta1, 0.999));
        var tiny = new AdamTinyValues((beta1, 0.999));
        var random = new Random(17);
        for (int trial = 0; trial < 200_000; trial++)
        {
            float m = Sign(random) * BitConverter.Int32BitsToSingle(random.Next(1, 1 << 23));
            float g = Sign(random) * tiny.AbsorbingGradient * (float)Math.ScaleB(1 + random.NextDouble(), random.Next(0, 40));
            float expected = moments.First(m, g);
            float absorbed = moments.First(0f, g);
            Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(absorbed),
                $"m = {m:R}, g = {g:R}: {expected:R} vs {absorbed:R}");
        }
    }

    [Theory]
    [InlineData(0.9, 4u)]      // 0.1f · 5 = 0.500000007 rounds up; 0.1f · 4 rounds to 0
    [InlineData(0.75, 2u)]     // 0.25 · 2 = 0.5 ties to the even 0; 0.25 · 3 rounds up
    [InlineData(0.3, 0u)]      // the other formula: no magnitude is known to stay
    public void StuckMagnitudesAreExactlyThoseTheFloatFormulaLeavesAlone(double beta1, uint expected)
    {
        var moments = new Moments((beta1, 0.999));
        var tiny = new AdamTinyValues((beta1, 0.999));
        if (!tiny.CanDecaySubnormals)
        {
            return;
        }
        Assert.Equal(expected, tiny.StuckUnits);
        for (int units = 1; units <= (int)expected + 1; units++)
        {
            float m = BitConverter.Int32BitsToSingle(units);
            Assert.Equal(units <= (int)expected, moments.First(m, 0f) == m);
        }
    }

    [Theory]
    [InlineData(0.999)]
    [InlineData(0.99)]
    [InlineData(0.5)]     // ties at every odd V
    [InlineData(0.9999)]
    public void EverySubnormalSecondMomentDecaysAsTheFloatFormulaDecaysIt(double beta2)
    {
        var moments = new Moments((0.9, beta2));
        var tiny = new AdamTinyValues((0.9, beta2));
        if (!tiny.CanDecaySecondSubnormals)
        {
            return; // no AVX2: the kernels never take this path
        }
        Span<float> lanes = stackalloc float[8];
        for (int first = 1; first < 1 << 23; first += 8)
        {
            for (int j = 0; j < 8; j++)
            {
                lanes[j] = BitConverter.Int32BitsToSingle(Math.Min(first + j, (1 << 23) - 1));
            }
            Vector256<float> decayed = tiny.DecaySecondSubnormals(Vector256.Create<float>(lanes));
            Vector256<float> roots = AdamTinyValues.SqrtOfSubnormals(Vector256.Create<float>(lanes));
            for (int j = 0; j < 8; j++)
            {
                float expected = moments.Second(lanes[j], 0f);
                if (BitConverter.SingleToInt32Bits(expected) != BitConverter.SingleToInt32Bits(decayed[j]))
                {
                    Assert.Fail($"v = {lanes[j]:R}: float gives {expected:R}, integers give {decayed[j]:R}");
                }
                if (BitConverter.SingleToInt32Bits(MathF.Sqrt(lanes[j])) != BitConverter.SingleToInt32Bits(roots[j]))
                {
                    Assert.Fail($"sqrt({lanes[j]:R}): float gives {MathF.Sqrt(lanes[j]):R}, scaled root gives {roots[j]:R}");
                }
            }
        }
    }

    [Fact]
    public void TheIntegerPathIsTakenForTheDefaultBetasWhereAvx2Is()
    {
        Assert.Equal(Avx2.IsSupported, new AdamTinyValues((0.9, 0.999)).CanDecaySubnormals);
        Assert.Equal(Avx2.IsSupported, new AdamTinyValues((0.3, 0.999)).CanDecaySubnormals);
        Assert.Equal(Avx2.IsSupported, new AdamTinyValues((0.9, 0.999)).CanDecaySecondSubnormals);
    }

    private static float Sign(Random random) => random.Next(2) == 0 ? -1f : 1f;

    private static float[] Fill(int n, Func<int, float> value) => [.. Enumerable.Range(0, n).Select(value)];

    private static float[] Copy(float[] a) => (float[])a.Clone();
}
