using System.Numerics.Tensors;

namespace Descent.Kernels;

/// <summary>
/// Element-wise kernels that <see cref="TensorPrimitives"/> does not provide. Each is a plain loop (the JIT
/// vectorizes nothing here, but these activations are not on any hot path of the models Descent targets);
/// source and destination may be the same span.
/// </summary>
internal static class Activations
{
    /// <summary>Effectively computes d[i] = x[i] &gt; 0 ? x[i] : slope * x[i].</summary>
    public static void LeakyRelu(ReadOnlySpan<float> x, float slope, Span<float> d)
    {
        for (int i = 0; i < x.Length; i++)
        {
            d[i] = x[i] > 0 ? x[i] : slope * x[i];
        }
    }

    /// <summary>Effectively computes d[i] = x[i] &gt; 0 ? x[i] : alpha * (exp(x[i]) - 1).</summary>
    public static void Elu(ReadOnlySpan<float> x, float alpha, Span<float> d)
    {
        for (int i = 0; i < x.Length; i++)
        {
            d[i] = x[i] > 0 ? x[i] : alpha * (MathF.Exp(x[i]) - 1f);
        }
    }

    /// <summary>Effectively computes d[i] = x[i] Φ(x[i]) with Φ the standard normal CDF (exact GELU).</summary>
    public static void Gelu(ReadOnlySpan<float> x, Span<float> d)
    {
        for (int i = 0; i < x.Length; i++)
        {
            double v = x[i];
            d[i] = (float)(v * NormalCdf(v));
        }
    }

    /// <summary>Effectively computes d[i] = Φ(x[i]) + x[i] φ(x[i]), the derivative of exact GELU.</summary>
    public static void GeluDerivative(ReadOnlySpan<float> x, Span<float> d)
    {
        for (int i = 0; i < x.Length; i++)
        {
            double v = x[i];
            d[i] = (float)(NormalCdf(v) + v * Math.Exp(-0.5 * v * v) / Math.Sqrt(2 * Math.PI));
        }
    }

    /// <summary>
    /// Effectively computes d[i] = log(1 + exp(beta x[i])) / beta, or x[i] where beta x[i] &gt; threshold
    /// (PyTorch's linear regime, which also keeps exp from overflowing).
    /// </summary>
    public static void Softplus(ReadOnlySpan<float> x, float beta, float threshold, Span<float> d)
    {
        for (int i = 0; i < x.Length; i++)
        {
            float bx = beta * x[i];
            d[i] = bx > threshold ? x[i] : (float)(Math.Log(1.0 + Math.Exp(bx)) / beta);
        }
    }

    /// <summary>Standard normal CDF via erfc, accurate to double rounding over the whole line.</summary>
    internal static double NormalCdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2));

    /// <summary>
    /// Complementary error function: Maclaurin series of erf for |x| &lt; 2.5, Laplace continued fraction
    /// beyond (both converge to double precision there; .NET has no erf of its own).
    /// </summary>
    internal static double Erfc(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }
        double ax = Math.Abs(x);
        if (ax < 2.5)
        {
            double sum = 0;
            double term = ax;
            double x2 = ax * ax;
            for (int n = 0; n < 100; n++)
            {
                double contribution = term / (2 * n + 1);
                sum += contribution;
                if (Math.Abs(contribution) < 1e-17 * Math.Abs(sum))
                {
                    break;
                }
                term *= -x2 / (n + 1);
            }
            double erf = 2 / Math.Sqrt(Math.PI) * sum;
            return x >= 0 ? 1 - erf : 1 + erf;
        }
        if (ax > 27)
        {
            return x > 0 ? 0 : 2;
        }
        // erfc(x) = exp(-x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …))))), evaluated from the tail.
        double f = ax;
        for (int k = 60; k >= 1; k--)
        {
            f = ax + k / 2.0 / f;
        }
        double tail = Math.Exp(-ax * ax) / Math.Sqrt(Math.PI) / f;
        return x > 0 ? tail : 2 - tail;
    }
}
