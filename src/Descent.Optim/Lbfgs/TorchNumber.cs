namespace Descent.Optim;

/// <summary>
/// A scalar as PyTorch's LBFGS holds it: a Python float (a double) or a 0-dimensional float32 tensor (every dot
/// product, and whatever one touches). An operation with a tensor operand is float32, the Python number rounded to
/// float32 first; two Python floats stay double. Following this keeps comparisons such as the Armijo test
/// f_new &gt; f + c₁t·gtd in the precision PyTorch decides them in.
/// </summary>
internal readonly struct TorchNumber
{
    private TorchNumber(double value, bool isTensor)
    {
        Value = value;
        IsTensor = isTensor;
    }

    /// <summary>The value; exactly a float32 value when <see cref="IsTensor"/>.</summary>
    public double Value { get; }

    /// <summary>Whether PyTorch holds this number in a float32 tensor.</summary>
    public bool IsTensor { get; }

    public static TorchNumber Tensor(float value) => new(value, true);

    public static implicit operator TorchNumber(double value) => new(value, false);

    public static explicit operator float(TorchNumber x) => (float)x.Value;

    public static TorchNumber operator -(TorchNumber x) => new(-x.Value, x.IsTensor);

    public static TorchNumber operator +(TorchNumber a, TorchNumber b) => a.IsTensor || b.IsTensor ? Tensor((float)a.Value + (float)b.Value) : a.Value + b.Value;

    public static TorchNumber operator -(TorchNumber a, TorchNumber b) => a.IsTensor || b.IsTensor ? Tensor((float)a.Value - (float)b.Value) : a.Value - b.Value;

    public static TorchNumber operator *(TorchNumber a, TorchNumber b) => a.IsTensor || b.IsTensor ? Tensor((float)a.Value * (float)b.Value) : a.Value * b.Value;

    public static TorchNumber operator /(TorchNumber a, TorchNumber b) => a.IsTensor || b.IsTensor ? Tensor((float)a.Value / (float)b.Value) : a.Value / b.Value;

    public static bool operator <(TorchNumber a, TorchNumber b) => a.IsTensor || b.IsTensor ? (float)a.Value < (float)b.Value : a.Value < b.Value;

    public static bool operator >(TorchNumber a, TorchNumber b) => b < a;

    public static bool operator <=(TorchNumber a, TorchNumber b) => a.IsTensor || b.IsTensor ? (float)a.Value <= (float)b.Value : a.Value <= b.Value;

    public static bool operator >=(TorchNumber a, TorchNumber b) => b <= a;

    public static TorchNumber Abs(TorchNumber x) => new(Math.Abs(x.Value), x.IsTensor);

    public static TorchNumber Sqrt(TorchNumber x) => x.IsTensor ? Tensor(MathF.Sqrt((float)x.Value)) : Math.Sqrt(x.Value);

    /// <summary>Python's <c>max(a, b)</c>: <paramref name="a"/> unless <paramref name="b"/> is larger, each keeping its kind.</summary>
    public static TorchNumber Max(TorchNumber a, TorchNumber b) => b > a ? b : a;

    /// <summary>Python's <c>min(a, b)</c>: <paramref name="a"/> unless <paramref name="b"/> is smaller, each keeping its kind.</summary>
    public static TorchNumber Min(TorchNumber a, TorchNumber b) => b < a ? b : a;
}
