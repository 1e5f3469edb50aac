using System.Numerics.Tensors;

namespace Descent.Kernels;

/// <summary>Reductions along one dimension of a tensor viewed as [outer, size, inner].</summary>
internal static class Reduce
{
    /// <summary>Effectively computes d[o, i] = Σⱼ s[o, j, i].</summary>
    public static void Sum(ReadOnlySpan<float> s, int outer, int size, int inner, Span<float> d)
    {
        d.Clear();
        for (int o = 0; o < outer; o++)
        {
            if (inner == 1)
            {
                d[o] = TensorPrimitives.Sum(s.Slice(o * size, size));
                continue;
            }
            Span<float> row = d.Slice(o * inner, inner);
            for (int j = 0; j < size; j++)
            {
                TensorPrimitives.Add(row, s.Slice((o * size + j) * inner, inner), row);
            }
        }
    }

    /// <summary>Scalar reference of <see cref="Sum"/>, accumulating in double.</summary>
    public static void SumReference(ReadOnlySpan<float> s, int outer, int size, int inner, Span<float> d)
    {
        for (int o = 0; o < outer; o++)
        {
            for (int i = 0; i < inner; i++)
            {
                double acc = 0;
                for (int j = 0; j < size; j++)
                {
                    acc += s[(o * size + j) * inner + i];
                }
                d[o * inner + i] = (float)acc;
            }
        }
    }

    /// <summary>The index j of the first maximum (or minimum) of s[o, ·, i]; NaN counts as the extreme, as in PyTorch.</summary>
    public static int[] ArgExtreme(ReadOnlySpan<float> s, int outer, int size, int inner, bool isMax)
    {
        var result = new int[outer * inner];
        for (int o = 0; o < outer; o++)
        {
            for (int i = 0; i < inner; i++)
            {
                int best = 0;
                float bestValue = s[o * size * inner + i];
                for (int j = 1; j < size && !float.IsNaN(bestValue); j++)
                {
                    float v = s[(o * size + j) * inner + i];
                    if (float.IsNaN(v) || (isMax ? v > bestValue : v < bestValue))
                    {
                        best = j;
                        bestValue = v;
                    }
                }
                result[o * inner + i] = best;
            }
        }
        return result;
    }

    /// <summary>
    /// Effectively computes d[o, j, i] = exp(s[o, j, i] − m) / Σₖ exp(s[o, k, i] − m), or its logarithm,
    /// with m the maximum over j so that no exponential overflows.
    /// </summary>
    public static void Softmax(ReadOnlySpan<float> s, int outer, int size, int inner, Span<float> d, bool log)
    {
        if (size == 0)
        {
            return;
        }
        if (inner == 1)
        {
            for (int o = 0; o < outer; o++)
            {
                SoftmaxRow(s.Slice(o * size, size), d.Slice(o * size, size), log);
            }
            return;
        }
        Span<float> column = size <= 1024 ? stackalloc float[size] : new float[size];
        Span<float> result = size <= 1024 ? stackalloc float[size] : new float[size];
        for (int o = 0; o < outer; o++)
        {
            for (int i = 0; i < inner; i++)
            {
                for (int j = 0; j < size; j++)
                {
                    column[j] = s[(o * size + j) * inner + i];
                }
                SoftmaxRow(column, result, log);
                for (int j = 0; j < size; j++)
                {
                    d[(o * size + j) * inner + i] = result[j];
                }
            }
        }
    }

    private static void SoftmaxRow(ReadOnlySpan<float> x, Span<float> d, bool log)
    {
        float max = TensorPrimitives.Max(x);
        if (float.IsNegativeInfinity(max))
        {
            // All −∞: PyTorch yields NaN here, and so does the arithmetic below; keep it explicit.
            d.Fill(float.NaN);
            return;
        }
        TensorPrimitives.Subtract(x, max, d);
        if (log)
        {
            Span<float> e = d.Length <= 1024 ? stackalloc float[d.Length] : new float[d.Length];
            TensorPrimitives.Exp(d, e);
            float logSum = MathF.Log(TensorPrimitives.Sum(e));
            TensorPrimitives.Subtract(d, logSum, d);
        }
        else
        {
            TensorPrimitives.Exp(d, d);
            TensorPrimitives.Divide(d, TensorPrimitives.Sum(d), d);
        }
    }
}
