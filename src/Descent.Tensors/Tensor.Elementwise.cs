using System.Numerics.Tensors;
using Descent.Kernels;

namespace Descent;

public partial class Tensor
{
    /// <summary>Element-wise sum with broadcasting.</summary>
    public static Tensor operator +(Tensor a, Tensor b) =>
        Record(Binary<AddOp>(a, b, "Add"), "AddBackward0", [a, b], static (g, _) => [g, g]);

    /// <summary>Element-wise difference with broadcasting.</summary>
    public static Tensor operator -(Tensor a, Tensor b) =>
        Record(Binary<SubtractOp>(a, b, "Sub"), "SubBackward0", [a, b], static (g, n) => [g, n.Inputs[1].RequiresGrad ? -g : null]);

    /// <summary>Element-wise product with broadcasting.</summary>
    public static Tensor operator *(Tensor a, Tensor b) =>
        Record(Binary<MultiplyOp>(a, b, "Mul"), "MulBackward0", [a, b],
            static (g, n) =>
            [
                n.Inputs[0].RequiresGrad ? g * n.Inputs[1].Detach() : null,
                n.Inputs[1].RequiresGrad ? g * n.Inputs[0].Detach() : null,
            ]);

    /// <summary>Element-wise quotient with broadcasting.</summary>
    public static Tensor operator /(Tensor a, Tensor b) =>
        Record(Binary<DivideOp>(a, b, "Div"), "DivBackward0", [a, b], static (g, n) =>
        {
            Tensor divisor = n.Inputs[1].Detach();
            return
            [
                n.Inputs[0].RequiresGrad ? g / divisor : null,
                n.Inputs[1].RequiresGrad ? -g * n.Output.Detach() / divisor : null,
            ];
        });

    /// <summary>Negation.</summary>
    public static Tensor operator -(Tensor a) => a.Neg();

    /// <summary>Adds a number to every element.</summary>
    public static Tensor operator +(Tensor a, float b) => a + Scalar(b);

    /// <summary>Adds a number to every element.</summary>
    public static Tensor operator +(float a, Tensor b) => Scalar(a) + b;

    /// <summary>Subtracts a number from every element.</summary>
    public static Tensor operator -(Tensor a, float b) => a - Scalar(b);

    /// <summary>Subtracts every element from a number.</summary>
    public static Tensor operator -(float a, Tensor b) => (Scalar(a) - b).Named("RsubBackward1");

    /// <summary>Multiplies every element by a number.</summary>
    public static Tensor operator *(Tensor a, float b) => a * Scalar(b);

    /// <summary>Multiplies every element by a number.</summary>
    public static Tensor operator *(float a, Tensor b) => Scalar(a) * b;

    /// <summary>Divides every element by a number.</summary>
    public static Tensor operator /(Tensor a, float b) => a / Scalar(b);

    /// <summary>Divides a number by every element.</summary>
    public static Tensor operator /(float a, Tensor b) => Scalar(a) / b;

    /// <summary>Element-wise power with a broadcast tensor exponent.</summary>
    public Tensor Pow(Tensor exponent) =>
        Record(Binary<PowOp>(this, exponent, "Pow"), "PowBackward1", [this, exponent], static (g, n) =>
        {
            Tensor x = n.Inputs[0].Detach();
            Tensor e = n.Inputs[1].Detach();
            Tensor y = n.Output.Detach();
            // d/dx x^e = e x^(e-1), taken as 0 where e = 0 (PyTorch's convention, avoids 0 * inf at x = 0).
            Tensor dx = g * Where(e.Eq(0f), Scalar(0f), e * x.Pow(e - 1f));
            // d/de x^e = x^e ln x, taken as 0 where x = 0 and e >= 0.
            Tensor de = g * Where(x.Eq(0f) * e.Ge(0f), Scalar(0f), y * x.Log());
            return [dx, de];
        });

    /// <summary>Element-wise power with a number exponent.</summary>
    public Tensor Pow(float exponent)
    {
        var data = TensorArena.Rent(_data.Length);
        TensorPrimitives.Pow(_data, exponent, data);
        return Record(new Tensor(data, _shape), "PowBackward0", [this], (g, n) =>
        {
            if (exponent == 0f)
            {
                return [ZerosLike(g)];
            }
            return [g * exponent * n.Inputs[0].Detach().Pow(exponent - 1f)];
        });
    }

    /// <summary>Element-wise maximum with broadcasting; NaN propagates; ties split the gradient equally.</summary>
    public Tensor Maximum(Tensor other) =>
        Record(Binary<MaximumOp>(this, other, "Maximum"), "MaximumBackward0", [this, other],
            static (g, n) => MinMaxGrad(g, n.Inputs[0].Detach(), n.Inputs[1].Detach()));

    /// <summary>Element-wise minimum with broadcasting; NaN propagates; ties split the gradient equally.</summary>
    public Tensor Minimum(Tensor other) =>
        Record(Binary<MinimumOp>(this, other, "Minimum"), "MinimumBackward0", [this, other],
            static (g, n) => MinMaxGrad(g, n.Inputs[1].Detach(), n.Inputs[0].Detach()));

    /// <summary>Picks <paramref name="whenTrue"/> where the mask is non-zero and <paramref name="whenFalse"/> elsewhere, with broadcasting.</summary>
    public static Tensor Where(Tensor condition, Tensor whenTrue, Tensor whenFalse)
    {
        ArgumentNullException.ThrowIfNull(condition);
        // where(c, t, f) = f + c * (t - f) loses precision; select exactly instead.
        int[] shape = ShapeUtil.Broadcast(ShapeUtil.Broadcast(condition._shape, whenTrue._shape, "Where"), whenFalse._shape, "Where");
        var c = TensorArena.Rent(ShapeUtil.NumElements(shape));
        var t = TensorArena.Rent(c.Length);
        var f = TensorArena.Rent(c.Length);
        Broadcast.To(condition._data, condition._shape, c, shape);
        Broadcast.To(whenTrue._data, whenTrue._shape, t, shape);
        Broadcast.To(whenFalse._data, whenFalse._shape, f, shape);
        for (int i = 0; i < c.Length; i++)
        {
            c[i] = c[i] != 0f ? t[i] : f[i];
        }
        Tensor mask = condition.Detach();
        return Record(new Tensor(c, shape), "WhereBackward0", [whenTrue, whenFalse], (g, _) =>
        {
            Tensor zero = Scalar(0f);
            return [Where(mask, g, zero), Where(mask, zero, g)];
        });
    }

    private static Tensor?[] MinMaxGrad(Tensor g, Tensor winner, Tensor loser)
    {
        Tensor half = g * 0.5f;
        Tensor zero = Scalar(0f);
        Tensor tie = winner.Eq(loser);
        return
        [
            Where(tie, half, Where(winner.Gt(loser), g, zero)),
            Where(tie, half, Where(loser.Gt(winner), g, zero)),
        ];
    }

    private static Tensor Binary<TOp>(Tensor a, Tensor b, string name)
        where TOp : IBinaryOp
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        int[] shape = ShapeUtil.Broadcast(a._shape, b._shape, name);
        var data = TensorArena.Rent(ShapeUtil.NumElements(shape));
        Broadcast.Apply<TOp>(a._data, a._shape, b._data, b._shape, data, shape);
        return new Tensor(data, shape);
    }
}
