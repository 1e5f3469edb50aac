namespace Descent.Optim;

/// <summary>
/// Prodigy's first pass over one parameter: the gradient's moments, the running sum s and the two sums behind the
/// estimate of d, on the calling thread in element order, so that every run gives the same sums.
/// </summary>
internal static class ProdigyStatistics
{
    /// <summary>
    /// Updates m (unless empty), v and s from the gradient (plus λθ under coupled decay) and returns
    /// ⟨g, p₀ − θ⟩ over the sliced elements and Σ|s| after the update, each rounded to float32 as PyTorch's
    /// float32 <c>dot</c> and <c>sum</c> return them (the sums themselves run in double).
    /// </summary>
    public static (double Dot, double AbsSum) Accumulate(ReadOnlySpan<float> theta, ReadOnlySpan<float> grad, Span<float> m, Span<float> v,
        Span<float> s, ReadOnlySpan<float> p0, int sliceP, in Coefficients c)
    {
        double dot = 0, absSum = 0;
        for (int i = 0, j = 0; i < theta.Length; i++)
        {
            float g = c.L2 != 0 ? grad[i] + c.L2 * theta[i] : grad[i];
            if (!m.IsEmpty)
            {
                m[i] = m[i] * c.Beta1 + c.M * g;                       // m ← β₁m + d(1 − β₁)g
            }
            v[i] = v[i] * c.Beta2 + c.V * g * g;                       // v ← β₂v + d²(1 − β₂)g²
            if (i % sliceP == 0)
            {
                float start = p0.Length == 1 ? p0[0] : p0[j];  // a single zero stands for every element
                dot += (double)g * (start - theta[i]);                 // ⟨g, p₀ − θ⟩
                float sj = s[j] = s[j] * c.Beta3 + c.S * g;            // s ← β₃s + (d/d₀)·dlr·g
                absSum += Math.Abs(sj);
                j++;
            }
        }
        return ((float)dot, (float)absSum);
    }

    /// <summary>A step's float32 factors: β₁, β₂, β₃, λ under coupled decay (else 0), and the scales of m, v and s.</summary>
    internal readonly record struct Coefficients(float Beta1, float Beta2, float Beta3, float L2, float M, float V, float S);
}
