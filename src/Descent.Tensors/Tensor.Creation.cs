namespace Descent;

public partial class Tensor
{
    /// <summary>A tensor holding a copy of <paramref name="data"/>; with no shape given, a 1-D tensor (use <see cref="Scalar"/> for 0-D).</summary>
    /// <exception cref="ArgumentException">The data length does not match the shape.</exception>
    public static Tensor FromArray(float[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        int[] s = shape.Length == 0 ? [data.Length] : (int[])shape.Clone();
        return new Tensor((float[])data.Clone(), s);
    }

    /// <summary>A 0-dimensional tensor holding one value.</summary>
    public static Tensor Scalar(float value) => new([value], []);

    /// <summary>A tensor of zeros.</summary>
    public static Tensor Zeros(params int[] shape) => new(new float[CheckedCount(shape)], (int[])shape.Clone());

    /// <summary>A tensor of ones.</summary>
    public static Tensor Ones(params int[] shape) => Full(shape, 1f);

    /// <summary>A tensor filled with <paramref name="value"/>.</summary>
    public static Tensor Full(int[] shape, float value)
    {
        var data = new float[CheckedCount(shape)];
        data.AsSpan().Fill(value);
        return new Tensor(data, (int[])shape.Clone());
    }

    /// <summary>A tensor of zeros with the shape of <paramref name="other"/>.</summary>
    public static Tensor ZerosLike(Tensor other) => Zeros(other._shape);

    /// <summary>A tensor of ones with the shape of <paramref name="other"/>.</summary>
    public static Tensor OnesLike(Tensor other) => Ones(other._shape);

    /// <summary>Values start, start + step, … below end (above end for a negative step), as <c>torch.arange</c>.</summary>
    /// <remarks>
    /// The arguments are doubles, like PyTorch's Python numbers, and each value is computed in double as
    /// start + i·step before rounding to float: <c>Arange(0, 1, 0.1)</c> gives PyTorch's 0.9 as its last value,
    /// where a float step of 0.1f would accumulate to 0.90000004.
    /// </remarks>
    public static Tensor Arange(double start, double end, double step = 1)
    {
        if (step == 0 || !double.IsFinite(step))
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "step must be finite and non-zero.");
        }
        if (!double.IsFinite(start) || !double.IsFinite(end))
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, $"start ({start}) and end must be finite.");
        }
        if ((end - start) / step < 0)
        {
            throw new ArgumentException($"Arange: upper bound {end} and lower bound {start} are inconsistent with step sign {step}.");
        }
        double count = Math.Ceiling((end - start) / step);
        if (count > int.MaxValue)
        {
            throw new ArgumentException($"Arange: {count} values from {start} to {end} by {step} are too many for one tensor.");
        }
        int n = (int)count;
        var data = new float[n];
        for (int i = 0; i < n; i++)
        {
            data[i] = (float)(start + i * step);
        }
        return new Tensor(data, [n]);
    }

    /// <summary>Values 0, 1, … below <paramref name="end"/>.</summary>
    public static Tensor Arange(double end) => Arange(0, end);

    /// <summary><paramref name="steps"/> evenly spaced values from start to end inclusive, as <c>torch.linspace</c>.</summary>
    public static Tensor Linspace(float start, float end, int steps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        var data = new float[steps];
        if (steps == 1)
        {
            data[0] = start;
        }
        else if (steps > 1)
        {
            // PyTorch fills the first half from start and the second from end, so both ends are exact.
            float step = (end - start) / (steps - 1);
            int half = steps / 2;
            for (int i = 0; i < steps; i++)
            {
                data[i] = i < half ? start + step * i : end - step * (steps - i - 1);
            }
        }
        return new Tensor(data, [steps]);
    }

    /// <summary>An n×m matrix with ones on the diagonal (m defaults to n).</summary>
    public static Tensor Eye(int n, int? m = null)
    {
        int cols = m ?? n;
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(cols, nameof(m));
        var data = new float[n * cols];
        for (int i = 0; i < Math.Min(n, cols); i++)
        {
            data[i * cols + i] = 1f;
        }
        return new Tensor(data, [n, cols]);
    }

    /// <summary>Uniform samples in [0, 1).</summary>
    public static Tensor Rand(int[] shape, Generator? generator = null)
    {
        Generator g = generator ?? Generator.Default;
        var data = new float[CheckedCount(shape)];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = g.NextFloat();
        }
        return new Tensor(data, (int[])shape.Clone());
    }

    /// <summary>Uniform samples in [0, 1) from the default generator.</summary>
    public static Tensor Rand(params int[] shape) => Rand(shape, null);

    /// <summary>Standard normal samples.</summary>
    public static Tensor Randn(int[] shape, Generator? generator = null)
    {
        Generator g = generator ?? Generator.Default;
        var data = new float[CheckedCount(shape)];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (float)g.NextNormal();
        }
        return new Tensor(data, (int[])shape.Clone());
    }

    /// <summary>Standard normal samples from the default generator.</summary>
    public static Tensor Randn(params int[] shape) => Randn(shape, null);

    /// <summary>Uniform integers in [low, high), stored as floats.</summary>
    public static Tensor Randint(int low, int high, int[] shape, Generator? generator = null)
    {
        if (high <= low)
        {
            throw new ArgumentOutOfRangeException(nameof(high), high, $"Randint: high must be greater than low ({low}).");
        }
        Generator g = generator ?? Generator.Default;
        var data = new float[CheckedCount(shape)];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = g.NextInt64(low, high);
        }
        return new Tensor(data, (int[])shape.Clone());
    }

    private static int CheckedCount(int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        foreach (int d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentException($"Shape {ShapeUtil.Format(shape)} has a negative size.", nameof(shape));
            }
        }
        return ShapeUtil.NumElements(shape);
    }
}
