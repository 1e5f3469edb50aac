using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Descent.Kernels;

/// <summary>
/// Element-wise kernels that <see cref="TensorPrimitives"/> does not provide. Each is a plain loop (the JIT
/// vectorizes nothing here, but these activations are not on any hot path of the models Descent targets);
/// source and destination may be the same span.
/// </summary>
internal static class Activations
{
    /// <summary>Effectively computes d[i] = y[i] &gt; 0 ? g[i] : 0, the gradient of ReLU from its output y.</summary>
    public static void ReluBackward(ReadOnlySpan<float> g, ReadOnlySpan<float> y, Span<float> d)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float g0 = ref MemoryMarshal.GetReference(g);
            ref float y0 = ref MemoryMarshal.GetReference(y);
            ref float d0 = ref MemoryMarshal.GetReference(d);
            // Half the outputs of a ReLU are 0, so a branch per element mispredicts; select with a mask instead.
            for (; i <= d.Length - 8; i += 8)
            {
                var keep = Vector256.GreaterThan(Vector256.LoadUnsafe(ref y0, (nuint)i), Vector256<float>.Zero);
                (Vector256.LoadUnsafe(ref g0, (nuint)i) & keep).StoreUnsafe(ref d0, (nuint)i);
            }
        }
        for (; i < d.Length; i++)
        {
            d[i] = y[i] > 0 ? g[i] : 0f;
        }
    }

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
            // log1p keeps the tiny values of very negative inputs that log(1 + e^bx) would round to 0.
            d[i] = bx > threshold ? x[i] : (float)(Log1p(Math.Exp(bx)) / beta);
        }
    }

    /// <summary>Effectively computes d[i] = log(1 + x[i]), in double and without rounding 1 + x[i] away.</summary>
    public static void Log1p(ReadOnlySpan<float> x, Span<float> d)
    {
        for (int i = 0; i < x.Length; i++)
        {
            d[i] = (float)Log1p(x[i]);
        }
    }

    /// <summary>
    /// log(1 + x) to within a few ulps (Goldberg's trick: the rounding error of u = 1 + x cancels in
    /// x / (u − 1)). .NET's double.LogP1 computes log(x + 1) directly and loses small x.
    /// </summary>
    internal static double Log1p(double x)
    {
        double u = 1.0 + x;
        if (u == 1.0)
        {
            return x;
        }
        if (double.IsInfinity(u))
        {
            return u;
        }
        return Math.Log(u) * x / (u - 1.0);
    }

    /// <summary>Standard normal CDF via erfc, so that its tiny values far in the lower tail keep their relative precision.</summary>
    internal static double NormalCdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2));

    /// <summary>
    /// Complementary error function: Maclaurin series of erf for |x| &lt; 1.5, Laplace continued fraction
    /// beyond (.NET has no erf of its own). Relative error below 2e-14 for |x| ≤ 6 and below 1e-13 up to
    /// x = 26.5, where the rounding of exp(−x²) dominates; 0 beyond 27, where erfc(x) is below 1e-318.
    /// </summary>
    /// <remarks>
    /// The series switches at 1.5 rather than later because 1 − erf(x) cancels: at 2.5 it lost three digits.
    /// </remarks>
    internal static double Erfc(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }
        double ax = Math.Abs(x);
        if (ax < 1.5)
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
        // 100 terms converge to double precision from 1.5 on (60 did only from about 2.5).
        for (int k = 100; k >= 1; k--)
        {
            f = ax + k / 2.0 / f;
        }
        double tail = Math.Exp(-ax * ax) / Math.Sqrt(Math.PI) / f;
        return x > 0 ? tail : 2 - tail;
    }
}
