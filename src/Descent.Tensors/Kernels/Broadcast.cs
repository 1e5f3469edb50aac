namespace Descent.Kernels;

/// <summary>Broadcasting element-wise kernels: one row loop that hands contiguous runs to span operations.</summary>
internal static class Broadcast
{
    /// <summary>
    /// Effectively computes d[i] = TOp(x[bx(i)], y[by(i)]) where bx, by map an index of the broadcast shape
    /// <paramref name="dShape"/> to the operands. <paramref name="d"/> must not overlap a broadcast operand.
    /// </summary>
    public static void Apply<TOp>(ReadOnlySpan<float> x, int[] xShape, ReadOnlySpan<float> y, int[] yShape, Span<float> d, int[] dShape)
        where TOp : IBinaryOp
    {
        if (d.Length == 0)
        {
            return;
        }
        if (x.Length == d.Length && y.Length == d.Length)
        {
            TOp.Invoke(x, y, d);
            return;
        }
        if (y.Length == 1 && x.Length == d.Length)
        {
            TOp.Invoke(x, y[0], d);
            return;
        }
        if (x.Length == 1 && y.Length == d.Length)
        {
            TOp.Invoke(x[0], y, d);
            return;
        }

        int rank = dShape.Length;
        int[] xStrides = ShapeUtil.BroadcastStrides(xShape, dShape);
        int[] yStrides = ShapeUtil.BroadcastStrides(yShape, dShape);
        int inner = dShape[rank - 1];
        int xs = xStrides[rank - 1];
        int ys = yStrides[rank - 1];
        Span<int> counter = stackalloc int[rank];
        int xOff = 0;
        int yOff = 0;
        for (int row = 0; row < d.Length; row += inner)
        {
            Span<float> dRow = d.Slice(row, inner);
            if (xs != 0 && ys != 0)
            {
                TOp.Invoke(x.Slice(xOff, inner), y.Slice(yOff, inner), dRow);
            }
            else if (xs != 0)
            {
                TOp.Invoke(x.Slice(xOff, inner), y[yOff], dRow);
            }
            else if (ys != 0)
            {
                TOp.Invoke(x[xOff], y.Slice(yOff, inner), dRow);
            }
            else
            {
                dRow.Fill(TOp.Invoke(x[xOff], y[yOff]));
            }
            Advance(counter, dShape, xStrides, yStrides, ref xOff, ref yOff);
        }
    }

    /// <summary>
    /// Effectively computes d[i] = s[bs(i)]: <paramref name="s"/> repeated along its size-1 and missing
    /// dimensions to fill <paramref name="dShape"/>. <paramref name="d"/> must not overlap <paramref name="s"/>.
    /// </summary>
    public static void To(ReadOnlySpan<float> s, int[] sShape, Span<float> d, int[] dShape) =>
        Apply<FirstOp>(s, sShape, [0f], [], d, dShape);

    /// <summary>Scalar reference of <see cref="Apply{TOp}"/>: one element at a time.</summary>
    public static void ApplyReference<TOp>(ReadOnlySpan<float> x, int[] xShape, ReadOnlySpan<float> y, int[] yShape, Span<float> d, int[] dShape)
        where TOp : IBinaryOp
    {
        int[] xStrides = ShapeUtil.BroadcastStrides(xShape, dShape);
        int[] yStrides = ShapeUtil.BroadcastStrides(yShape, dShape);
        int[] dStrides = ShapeUtil.Strides(dShape);
        for (int i = 0; i < d.Length; i++)
        {
            int xi = 0;
            int yi = 0;
            for (int k = 0; k < dShape.Length; k++)
            {
                int idx = i / dStrides[k] % dShape[k];
                xi += idx * xStrides[k];
                yi += idx * yStrides[k];
            }
            d[i] = TOp.Invoke(x[xi], y[yi]);
        }
    }

    /// <summary>
    /// Effectively computes d[j] = Σ s[i] over every i of <paramref name="sShape"/> that broadcasts onto j of
    /// <paramref name="dShape"/>. <paramref name="d"/> is overwritten.
    /// </summary>
    public static void SumTo(ReadOnlySpan<float> s, int[] sShape, Span<float> d, int[] dShape)
    {
        d.Clear();
        if (s.Length == 0)
        {
            return;
        }
        if (d.Length == 1)
        {
            d[0] = System.Numerics.Tensors.TensorPrimitives.Sum(s);
            return;
        }
        int rank = sShape.Length;
        int[] dStrides = ShapeUtil.BroadcastStrides(dShape, sShape);
        int inner = sShape[rank - 1];
        int ds = dStrides[rank - 1];
        Span<int> counter = stackalloc int[rank];
        int dOff = 0;
        int unused = 0;
        int[] none = new int[rank];
        for (int row = 0; row < s.Length; row += inner)
        {
            ReadOnlySpan<float> sRow = s.Slice(row, inner);
            if (ds != 0)
            {
                Span<float> dRow = d.Slice(dOff, inner);
                System.Numerics.Tensors.TensorPrimitives.Add(dRow, sRow, dRow);
            }
            else
            {
                d[dOff] += System.Numerics.Tensors.TensorPrimitives.Sum(sRow);
            }
            Advance(counter, sShape, dStrides, none, ref dOff, ref unused);
        }
    }

    /// <summary>Steps a row counter over all dims but the last, updating two broadcast offsets.</summary>
    private static void Advance(Span<int> counter, int[] shape, int[] xStrides, int[] yStrides, ref int xOff, ref int yOff)
    {
        for (int k = shape.Length - 2; k >= 0; k--)
        {
            counter[k]++;
            xOff += xStrides[k];
            yOff += yStrides[k];
            if (counter[k] < shape[k])
            {
                return;
            }
            xOff -= xStrides[k] * shape[k];
            yOff -= yStrides[k] * shape[k];
            counter[k] = 0;
        }
    }
}
