namespace Descent.Optim;

/// <summary>
/// The quintic Newton–Schulz iteration that Muon uses to orthogonalize a matrix G (Keller Jordan; PyTorch's
/// <c>_zeropower_via_newtonschulz</c>): X ← G/max(‖G‖_F, ε), then k times A ← XXᵀ, B ← bA + (cA)A, X ← aX + BX, on
/// the wide orientation (G transposed when it has more rows than columns). The result is close to UVᵀ of G's SVD, its
/// singular values within about [0.7, 1.2] rather than exactly 1.
/// </summary>
/// <remarks>
/// PyTorch runs the iteration in bfloat16; this runs it in float32, as the reference fixtures do (a bfloat16 GEMM is
/// not something a float32 engine can reproduce bit for bit, and float32 only removes rounding noise).
/// </remarks>
internal static class NewtonSchulz
{
    /// <summary>Replaces the <paramref name="rows"/>×<paramref name="cols"/> row-major <paramref name="g"/> with its orthogonalization.</summary>
    public static void Orthogonalize(Span<float> g, int rows, int cols, double[] coefficients, int steps, double eps)
    {
        bool tall = rows > cols;
        int r = tall ? cols : rows, c = tall ? rows : cols;
        var x = new float[r * c];
        Transpose(g, x, rows, cols, tall);
        float norm = TrustRatio.Norm(x);
        float scale = MathF.Max(norm, (float)eps);
        for (int i = 0; i < x.Length; i++)
        {
            x[i] /= scale;
        }
        float a = (float)coefficients[0], b = (float)coefficients[1], cc = (float)coefficients[2];
        Tensor xt = Tensor.FromArray(x, r, c);
        for (int step = 0; step < steps; step++)
        {
            Tensor gram = xt.MatMul(xt.T);                          // A ← XXᵀ
            Span<float> gs = gram.AsSpan();
            Tensor scaled = Tensor.ZerosLike(gram);
            Span<float> ss = scaled.AsSpan();
            for (int i = 0; i < gs.Length; i++)
            {
                ss[i] = cc * gs[i];
            }
            Tensor update = scaled.MatMul(gram);                    // (cA)A
            Span<float> us = update.AsSpan();
            for (int i = 0; i < gs.Length; i++)
            {
                us[i] = b * gs[i] + us[i];                          // B ← bA + (cA)A
            }
            Tensor next = update.MatMul(xt);                        // BX
            Span<float> ns = next.AsSpan(), xs = xt.AsSpan();
            for (int i = 0; i < xs.Length; i++)
            {
                ns[i] = a * xs[i] + ns[i];                          // X ← aX + BX
            }
            xt = next;
        }
        x = xt.ToArray();
        Transpose(x, g, r, c, tall);
    }

    /// <summary>Copies the <paramref name="rows"/>×<paramref name="cols"/> <paramref name="from"/> into <paramref name="to"/>, transposed if <paramref name="transpose"/>.</summary>
    private static void Transpose(ReadOnlySpan<float> from, Span<float> to, int rows, int cols, bool transpose)
    {
        if (!transpose)
        {
            from.CopyTo(to);
            return;
        }
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                to[j * rows + i] = from[i * cols + j];
            }
        }
    }
}
