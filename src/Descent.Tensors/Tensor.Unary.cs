using System.Numerics.Tensors;
using Descent.Kernels;

namespace Descent;

public partial class Tensor
{
    /// <summary>−x.</summary>
    public Tensor Neg() => Record(Map(TensorPrimitives.Negate), "NegBackward0", [this], static (g, _) => [g.NegNoGrad()]);

    /// <summary>|x|; the gradient at 0 is 0, as in PyTorch.</summary>
    public Tensor Abs() => Record(Map(TensorPrimitives.Abs), "AbsBackward0", [this],
        static (g, n) => [g * n.Inputs[0].Detach().Sign()]);

    /// <summary>eˣ.</summary>
    public Tensor Exp() => Record(Map(TensorPrimitives.Exp), "ExpBackward0", [this], static (g, n) => [g * n.Output.Detach()]);

    /// <summary>Natural logarithm.</summary>
    public Tensor Log() => Record(Map(TensorPrimitives.Log), "LogBackward0", [this], static (g, n) => [g / n.Inputs[0].Detach()]);

    /// <summary>log(1 + x), accurate for small x where log(1 + x) would round 1 + x.</summary>
    public Tensor Log1p() => Record(Map(Activations.Log1p), "Log1PBackward0", [this], static (g, n) => [g / (n.Inputs[0].Detach() + 1f)]);

    /// <summary>
    /// Limits every element to [<paramref name="min"/>, <paramref name="max"/>] (either bound may be omitted);
    /// NaN stays NaN. As in PyTorch, when min &gt; max every element becomes max, and the gradient flows
    /// where min ≤ x ≤ max.
    /// </summary>
    /// <exception cref="ArgumentException">Both bounds are omitted.</exception>
    public Tensor Clamp(float? min = null, float? max = null)
    {
        if (min is null && max is null)
        {
            throw new ArgumentException("Clamp: at least one of min and max must be given.");
        }
        float low = min ?? float.NegativeInfinity;
        float high = max ?? float.PositiveInfinity;
        var d = TensorArena.Rent(_data.Length);
        for (int i = 0; i < d.Length; i++)
        {
            float x = _data[i];
            d[i] = x < low ? low : x;
            d[i] = d[i] > high ? high : d[i];
        }
        return Record(new Tensor(d, _shape), "ClampBackward1", [this], (g, n) =>
        {
            Tensor x = n.Inputs[0].Detach();
            return [g * (x.Ge(low) * x.Le(high))];
        });
    }

    /// <summary>Square root.</summary>
    public Tensor Sqrt() => Record(Map(TensorPrimitives.Sqrt), "SqrtBackward0", [this],
        static (g, n) => [g / (2f * n.Output.Detach())]);

    /// <summary>x².</summary>
    public Tensor Square() => Record(Map(static (x, d) => TensorPrimitives.Multiply(x, x, d)), "PowBackward0", [this],
        static (g, n) => [g * 2f * n.Inputs[0].Detach()]);

    /// <summary>1 / (1 + e⁻ˣ).</summary>
    public Tensor Sigmoid() => Record(Map(TensorPrimitives.Sigmoid), "SigmoidBackward0", [this], static (g, n) =>
    {
        Tensor y = n.Output.Detach();
        return [g * y * (1f - y)];
    });

    /// <summary>Hyperbolic tangent.</summary>
    public Tensor Tanh() => Record(Map(TensorPrimitives.Tanh), "TanhBackward0", [this], static (g, n) =>
    {
        Tensor y = n.Output.Detach();
        return [g * (1f - y * y)];
    });

    /// <summary>max(x, 0); the gradient at 0 is 0.</summary>
    public Tensor Relu() => Record(Map(static (x, d) => TensorPrimitives.Max(x, 0f, d)), "ReluBackward0", [this],
        static (g, n) =>
        {
            // One pass instead of a mask and a product: the gradient flows where the output is positive.
            Tensor d = g.ReuseOrNew();
            Activations.ReluBackward(g._data, n.Output._data, d._data);
            return [d];
        });

    /// <summary>x for x &gt; 0, else <paramref name="negativeSlope"/> · x.</summary>
    public Tensor LeakyRelu(float negativeSlope = 0.01f) =>
        Record(Map((x, d) => Activations.LeakyRelu(x, negativeSlope, d)), "LeakyReluBackward0", [this], (g, n) =>
        {
            Tensor positive = n.Inputs[0].Detach().Gt(0f);
            return [g * (positive + (1f - positive) * negativeSlope)];
        });

    /// <summary>x for x &gt; 0, else α(eˣ − 1).</summary>
    public Tensor Elu(float alpha = 1f) =>
        Record(Map((x, d) => Activations.Elu(x, alpha, d)), "EluBackward0", [this], (g, n) =>
        {
            Tensor x = n.Inputs[0].Detach();
            // For x ≤ 0 the derivative is αeˣ, taken from x: y + α equals it but cancels to 0 for very negative x.
            return [g * Where(x.Gt(0f), Scalar(1f), x.Exp() * alpha)];
        });

    /// <summary>Exact GELU, x · Φ(x) with Φ the standard normal CDF.</summary>
    public Tensor Gelu() => Record(Map(Activations.Gelu), "GeluBackward0", [this], static (g, n) =>
    {
        var d = TensorArena.Rent(g.NumElements);
        Activations.GeluDerivative(n.Inputs[0]._data, d);
        return [g * new Tensor(d, g._shape)];
    });

    /// <summary>log(1 + e^(βx)) / β, linear where βx &gt; <paramref name="threshold"/>.</summary>
    public Tensor Softplus(float beta = 1f, float threshold = 20f) =>
        Record(Map((x, d) => Activations.Softplus(x, beta, threshold, d)), "SoftplusBackward0", [this], (g, n) =>
        {
            Tensor x = n.Inputs[0].Detach();
            Tensor bx = x * beta;
            return [g * Where(bx.Gt(threshold), Scalar(1f), bx.Sigmoid())];
        });

    /// <summary>−1, 0 or 1 by sign, and NaN for NaN as in NumPy (PyTorch 1.13 gives 0 there); not recorded for autograd.</summary>
    public Tensor Sign()
    {
        var d = TensorArena.Rent(_data.Length);
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = float.IsNaN(_data[i]) ? float.NaN : MathF.Sign(_data[i]);
        }
        return new Tensor(d, _shape);
    }

    /// <summary>Mask of x &gt; y (1 or 0), with broadcasting.</summary>
    public Tensor Gt(Tensor other) => Binary<CompareOp<GreaterThan>>(this, other, "Gt");

    /// <summary>Mask of x ≥ y.</summary>
    public Tensor Ge(Tensor other) => Binary<CompareOp<GreaterOrEqual>>(this, other, "Ge");

    /// <summary>Mask of x &lt; y.</summary>
    public Tensor Lt(Tensor other) => Binary<CompareOp<LessThan>>(this, other, "Lt");

    /// <summary>Mask of x ≤ y.</summary>
    public Tensor Le(Tensor other) => Binary<CompareOp<LessOrEqual>>(this, other, "Le");

    /// <summary>Mask of x = y.</summary>
    public Tensor Eq(Tensor other) => Binary<CompareOp<EqualTo>>(this, other, "Eq");

    /// <summary>Mask of x ≠ y.</summary>
    public Tensor Ne(Tensor other) => Binary<CompareOp<NotEqualTo>>(this, other, "Ne");

    /// <summary>Mask of x &gt; value.</summary>
    public Tensor Gt(float value) => Gt(Scalar(value));

    /// <summary>Mask of x ≥ value.</summary>
    public Tensor Ge(float value) => Ge(Scalar(value));

    /// <summary>Mask of x &lt; value.</summary>
    public Tensor Lt(float value) => Lt(Scalar(value));

    /// <summary>Mask of x ≤ value.</summary>
    public Tensor Le(float value) => Le(Scalar(value));

    /// <summary>Mask of x = value.</summary>
    public Tensor Eq(float value) => Eq(Scalar(value));

    /// <summary>Mask of x ≠ value.</summary>
    public Tensor Ne(float value) => Ne(Scalar(value));

    private delegate void SpanMap(ReadOnlySpan<float> x, Span<float> destination);

    private Tensor Map(SpanMap kernel)
    {
        var d = TensorArena.Rent(_data.Length);
        kernel(_data, d);
        return new Tensor(d, _shape);
    }

    private Tensor NegNoGrad() => Map(TensorPrimitives.Negate);
}
