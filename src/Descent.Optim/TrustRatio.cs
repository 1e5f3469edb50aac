using System.Numerics.Tensors;

namespace Descent.Optim;

/// <summary>
/// The layer-wise trust ratio of LARS and LAMB, as optax's <c>scale_by_trust_ratio</c> computes it in float32:
/// r = c·‖θ‖ / (‖u‖ + ε), and r = 1 where either norm is zero (a parameter or update that would otherwise never move).
/// </summary>
internal static class TrustRatio
{
    /// <summary>The ratio for parameter <paramref name="theta"/> and its update <paramref name="update"/>.</summary>
    public static float Of(ReadOnlySpan<float> theta, ReadOnlySpan<float> update, double trustCoefficient = 1, double eps = 0)
    {
        float paramNorm = Norm(theta);
        float updateNorm = Norm(update);
        if (paramNorm == 0 || updateNorm == 0)
        {
            return 1f;
        }
        return (float)trustCoefficient * paramNorm / (updateNorm + (float)eps);
    }

    /// <summary>‖x‖₂ in float32; one function for the reference and the fast path, so both see the same ratio.</summary>
    public static float Norm(ReadOnlySpan<float> x) => x.IsEmpty ? 0f : TensorPrimitives.Norm(x);
}
