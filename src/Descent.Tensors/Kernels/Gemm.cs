namespace Descent.Kernels;

internal static class Gemm
{
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        int m, int k, int n, bool transA = false, bool transB = false, bool accumulate = false)
        => MultiplyReference(a, b, c, m, k, n, transA, transB, accumulate);

    public static void MultiplyReference(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        int m, int k, int n, bool transA = false, bool transB = false, bool accumulate = false)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double acc = accumulate ? c[i * n + j] : 0;
                for (int p = 0; p < k; p++)
                {
                    acc += (double)(transA ? a[p * m + i] : a[i * k + p]) * (transB ? b[j * k + p] : b[p * n + j]);
                }
                c[i * n + j] = (float)acc;
            }
        }
    }
}
