using System.Numerics.Tensors;

namespace Descent.Optim;

/// <summary>
/// The limited-memory inverse Hessian of L-BFGS: curvature pairs (y, s) with ρ = 1 / (y·s), a scale γ for the
/// initial matrix γI, and the two-loop recursion that multiplies the approximation by a gradient. Every scalar is
/// float32, as PyTorch's dot products are, and q ← q + αy is a fused multiply-add, as PyTorch's vectorized
/// <c>add_(y, alpha=α)</c> is on the CPU.
/// </summary>
internal static class InverseHessian
{
    /// <summary>
    /// Adds the pair y = g − g_prev, s = t·d if y·s &gt; 1e-10 (the curvature condition), dropping the oldest beyond
    /// <paramref name="historySize"/>; returns the new scale γ = y·s / y·y, or <paramref name="scale"/> if skipped.
    /// </summary>
    public static float Remember(ReadOnlySpan<float> g, ReadOnlySpan<float> gPrev, ReadOnlySpan<float> d, float t,
        List<Tensor> dirs, List<Tensor> stps, List<float> ro, int historySize, float scale)
    {
        Tensor y = Tensor.Zeros(g.Length);
        Tensor s = Tensor.Zeros(g.Length);
        TensorPrimitives.Subtract(g, gPrev, y.AsSpan());
        TensorPrimitives.Multiply(d, t, s.AsSpan());
        float ys = TensorPrimitives.Dot(y.AsReadOnlySpan(), s.AsReadOnlySpan());
        if (!(ys > 1e-10f))
        {
            return scale;
        }
        if (dirs.Count == historySize)
        {
            dirs.RemoveAt(0);
            stps.RemoveAt(0);
            ro.RemoveAt(0);
        }
        dirs.Add(y);
        stps.Add(s);
        ro.Add(1f / ys);
        return ys / TensorPrimitives.Dot(y.AsReadOnlySpan(), y.AsReadOnlySpan());
    }

    /// <summary>The search direction d = −H·g by the two-loop recursion, with H built from the pairs and γI.</summary>
    public static Tensor Direction(ReadOnlySpan<float> g, List<Tensor> dirs, List<Tensor> stps, List<float> ro, float scale)
    {
        int count = dirs.Count;
        var al = new float[count];
        Tensor result = Tensor.Zeros(g.Length);
        Span<float> q = result.AsSpan();
        TensorPrimitives.Negate(g, q);
        for (int i = count - 1; i >= 0; i--)
        {
            al[i] = TensorPrimitives.Dot(stps[i].AsReadOnlySpan(), q) * ro[i];
            TensorPrimitives.FusedMultiplyAdd(dirs[i].AsReadOnlySpan(), -al[i], q, q);
        }
        Span<float> r = q;
        TensorPrimitives.Multiply(q, scale, r);
        for (int i = 0; i < count; i++)
        {
            float be = TensorPrimitives.Dot(dirs[i].AsReadOnlySpan(), r) * ro[i];
            TensorPrimitives.FusedMultiplyAdd(stps[i].AsReadOnlySpan(), al[i] - be, r, r);
        }
        return result;
    }
}
