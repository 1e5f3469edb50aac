using System.Numerics.Tensors;

namespace Descent.Optim;

/// <summary>Gradient clipping, as <c>torch.nn.utils.clip_grad_norm_</c> and <c>clip_grad_value_</c>.</summary>
public static class GradClip
{
    /// <summary>
    /// Scales the gradients of <paramref name="parameters"/> in place so that their joint p-norm is at most
    /// <paramref name="maxNorm"/>: each is multiplied by min(1, maxNorm / (‖g‖ₚ + 1e-6)). Parameters without a
    /// gradient are ignored. <paramref name="normType"/> is p: any positive number, or
    /// <see cref="double.PositiveInfinity"/> for the largest absolute value.
    /// </summary>
    /// <returns>The total norm of the gradients before clipping (0 when there are none).</returns>
    /// <exception cref="InvalidOperationException">The norm is not finite and <paramref name="errorIfNonfinite"/> is set.</exception>
    public static float ClipGradNorm(IEnumerable<Parameter> parameters, double maxNorm, double normType = 2.0, bool errorIfNonfinite = false)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Throw.OutOfRangeIf(!(normType > 0), nameof(normType), normType, $"normType must be positive or infinity, got {Check.Format(normType)}.");
        Throw.OutOfRangeIf(double.IsNaN(maxNorm) || maxNorm < 0, nameof(maxNorm), maxNorm, $"maxNorm must be a non-negative number, got {Check.Format(maxNorm)}.");
        Tensor[] grads = parameters.Select(p => p.Grad).OfType<Tensor>().ToArray();
        if (grads.Length == 0)
        {
            return 0f;
        }

        // Each gradient's norm is rounded to float32 before the norms are combined, as PyTorch stacks float norms.
        double total = 0;
        foreach (Tensor g in grads)
        {
            float norm = Norm(g.AsReadOnlySpan(), normType);
            total = double.IsPositiveInfinity(normType) ? Math.Max(total, norm) : total + Math.Pow(norm, normType);
            if (float.IsNaN(norm))
            {
                total = double.NaN;
            }
        }
        float totalNorm = (float)(double.IsPositiveInfinity(normType) ? total : Math.Pow(total, 1 / normType));
        if (errorIfNonfinite && !float.IsFinite(totalNorm))
        {
            throw new InvalidOperationException(
                $"The total norm of order {Check.Format(normType)} for gradients is non-finite ({totalNorm}), so it cannot be clipped. " +
                "To scale the gradients by the non-finite norm anyway, pass errorIfNonfinite: false.");
        }
        float coefficient = MathF.Min((float)maxNorm / (totalNorm + 1e-6f), 1f);
        using (Autograd.NoGrad())
        {
            foreach (Tensor g in grads)
            {
                Span<float> span = g.AsSpan();
                TensorPrimitives.Multiply(span, coefficient, span);
            }
        }
        return totalNorm;
    }

    /// <summary>Clamps every gradient entry to [−<paramref name="clipValue"/>, <paramref name="clipValue"/>] in place.</summary>
    public static void ClipGradValue(IEnumerable<Parameter> parameters, double clipValue)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Throw.OutOfRangeIf(double.IsNaN(clipValue) || clipValue < 0, nameof(clipValue), clipValue, $"clipValue must be a non-negative number, got {Check.Format(clipValue)}.");
        float c = (float)clipValue;
        using (Autograd.NoGrad())
        {
            foreach (Tensor grad in parameters.Select(p => p.Grad).OfType<Tensor>())
            {
                Span<float> span = grad.AsSpan();
                TensorPrimitives.Clamp(span, -c, c, span);
            }
        }
    }

    private static float Norm(ReadOnlySpan<float> g, double p)
    {
        if (double.IsPositiveInfinity(p))
        {
            return g.IsEmpty ? 0f : MathF.Abs(TensorPrimitives.MaxMagnitude(g));
        }
        if (p == 2)
        {
            return TensorPrimitives.Norm(g);
        }
        double sum = 0;
        foreach (float x in g)
        {
            sum += Math.Pow(Math.Abs(x), p);
        }
        return (float)Math.Pow(sum, 1 / p);
    }
}
