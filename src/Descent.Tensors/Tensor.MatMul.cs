using Descent.Kernels;

namespace Descent;

public partial class Tensor
{
    /// <summary>
    /// Matrix product as <c>torch.matmul</c> for 1-D, 2-D and 3-D operands: dot product (1-D · 1-D),
    /// matrix–vector, vector–matrix, matrix–matrix and batched products, where a 2-D operand is broadcast
    /// over the batch of a 3-D one.
    /// </summary>
    /// <exception cref="ArgumentException">Inner sizes differ or a rank is unsupported; the message shows both shapes.</exception>
    public Tensor MatMul(Tensor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Rank == 0 || other.Rank == 0 || Rank > 3 || other.Rank > 3)
        {
            throw new ArgumentException(
                $"MatMul: {ShapeUtil.Format(_shape)} × {ShapeUtil.Format(other._shape)}: operands must be 1-D, 2-D or 3-D.");
        }
        // Checked here, before 1-D operands are lifted to 2-D, so that the message shows the caller's shapes.
        CheckInner(this, other, _shape[^1], other.Rank == 1 ? other._shape[0] : other._shape[^2]);
        if (Rank == 1 && other.Rank == 1)
        {
            return Reshape(1, -1).MatMul(other.Reshape(-1, 1)).Reshape().Named("DotBackward0");
        }
        if (Rank == 1)
        {
            return Unsqueeze(0).MatMul(other).Squeeze(-2);
        }
        if (other.Rank == 1)
        {
            return MatMul(other.Unsqueeze(1)).Squeeze(-1).Named("MvBackward0");
        }
        return BatchedMatMul(this, other);
    }

    private static Tensor BatchedMatMul(Tensor a, Tensor b)
    {
        int m = a._shape[^2];
        int k = a._shape[^1];
        int n = b._shape[^1];
        CheckInner(a, b, k, b._shape[^2]);
        int batchA = a.Rank == 3 ? a._shape[0] : 1;
        int batchB = b.Rank == 3 ? b._shape[0] : 1;
        if (batchA != batchB && batchA != 1 && batchB != 1)
        {
            throw new ArgumentException(
                $"MatMul: {ShapeUtil.Format(a._shape)} × {ShapeUtil.Format(b._shape)}: batch sizes {batchA} and {batchB} do not broadcast.");
        }
        int batch = Math.Max(batchA, batchB);
        int[] shape = a.Rank == 3 || b.Rank == 3 ? [batch, m, n] : [m, n];
        var data = TensorArena.Rent(batch * m * n);
        for (int i = 0; i < batch; i++)
        {
            Gemm.Multiply(
                a._data.AsSpan((batchA == 1 ? 0 : i) * m * k, m * k),
                b._data.AsSpan((batchB == 1 ? 0 : i) * k * n, k * n),
                data.AsSpan(i * m * n, m * n), m, k, n);
        }
        return Record(new Tensor(data, shape), "MmBackward0", [a, b], (g, node) =>
        {
            Tensor x = node.Inputs[0];
            Tensor y = node.Inputs[1];
            // dA = dC · Bᵀ and dB = Aᵀ · dC, summed over the batch where an operand was broadcast.
            var da = TensorArena.Rent(batchA * m * k);
            var db = TensorArena.Rent(batchB * k * n);
            for (int i = 0; i < batch; i++)
            {
                ReadOnlySpan<float> gi = g._data.AsSpan(i * m * n, m * n);
                Gemm.Multiply(gi, y._data.AsSpan((batchB == 1 ? 0 : i) * k * n, k * n),
                    da.AsSpan((batchA == 1 ? 0 : i) * m * k, m * k), m, n, k, transB: true, accumulate: batchA == 1 && i > 0);
                Gemm.Multiply(x._data.AsSpan((batchA == 1 ? 0 : i) * m * k, m * k), gi,
                    db.AsSpan((batchB == 1 ? 0 : i) * k * n, k * n), k, m, n, transA: true, accumulate: batchB == 1 && i > 0);
            }
            return [new Tensor(da, x._shape) { _freshGradient = true }, new Tensor(db, y._shape) { _freshGradient = true }];
        });
    }

    /// <summary>
    /// The affine map y = x · Wᵀ + b of <c>torch.nn.functional.linear</c>, for x of shape [batch, in] or [in],
    /// W of shape [out, in] and b of shape [out]. One fused op, so that W is never transposed in memory.
    /// </summary>
    public static Tensor Linear(Tensor input, Tensor weight, Tensor? bias = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        if (weight.Rank != 2)
        {
            throw new ArgumentException($"Linear: weight must be 2-D [out, in], got {ShapeUtil.Format(weight._shape)}.");
        }
        if (input.Rank == 1)
        {
            return Linear(input.Unsqueeze(0), weight, bias).Squeeze(0);
        }
        if (input.Rank != 2)
        {
            throw new ArgumentException($"Linear: input must be 1-D or 2-D, got {ShapeUtil.Format(input._shape)}.");
        }
        int m = input._shape[0];
        int k = input._shape[1];
        int n = weight._shape[0];
        if (weight._shape[1] != k)
        {
            throw new ArgumentException(
                $"Linear: {ShapeUtil.Format(input._shape)} × {ShapeUtil.Format(weight._shape)}ᵀ: input has {k} features but weight expects {weight._shape[1]}.");
        }
        if (bias is not null && (bias.Rank != 1 || bias._shape[0] != n))
        {
            throw new ArgumentException($"Linear: bias of shape {ShapeUtil.Format(bias._shape)} for {n} outputs; expected [{n}].");
        }
        var data = TensorArena.Rent(m * n);
        if (bias is not null)
        {
            Kernels.Layout.RepeatRow(bias._data, data);
        }
        Gemm.Multiply(input._data, weight._data, data, m, k, n, transB: true, accumulate: bias is not null);
        Tensor[] inputs = bias is null ? [input, weight] : [input, weight, bias];
        return Record(new Tensor(data, [m, n]), bias is null ? "MmBackward0" : "AddmmBackward0", inputs, (g, node) =>
        {
            Tensor x = node.Inputs[0];
            Tensor w = node.Inputs[1];
            var grads = new Tensor?[node.Inputs.Length];
            if (x.RequiresGrad)
            {
                var dx = TensorArena.Rent(m * k);
                Gemm.Multiply(g._data, w._data, dx, m, n, k);
                grads[0] = new Tensor(dx, x._shape) { _freshGradient = true };
            }
            if (w.RequiresGrad)
            {
                var dw = TensorArena.Rent(n * k);
                Gemm.Multiply(g._data, x._data, dw, n, m, k, transA: true);
                grads[1] = new Tensor(dw, w._shape) { _freshGradient = true };
            }
            if (grads.Length == 3 && node.Inputs[2].RequiresGrad)
            {
                Tensor db = g.Sum(0);
                db._freshGradient = true;
                grads[2] = db;
            }
            return grads;
        });
    }

    private static void CheckInner(Tensor a, Tensor b, int ka, int kb)
    {
        if (ka != kb)
        {
            throw new ArgumentException(
                $"MatMul: {ShapeUtil.Format(a._shape)} × {ShapeUtil.Format(b._shape)}: inner sizes {ka} and {kb} differ.");
        }
    }
}
