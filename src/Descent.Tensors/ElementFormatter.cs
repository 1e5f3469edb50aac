namespace Descent;

/// <summary>
/// Chooses one notation and one width for all elements of a printed tensor, by PyTorch 1.13's rules
/// (<c>torch._tensor_str._Formatter</c> with precision 4): integer mode when every value is whole, scientific
/// mode when the magnitudes span more than a factor of 1000, exceed 1e8 or (for fractions) fall below 1e-4.
/// </summary>
internal sealed class ElementFormatter
{
    /// <summary>Digits after the decimal point, PyTorch's default print precision.</summary>
    public const int Precision = 4;

    private readonly bool _intMode = true;
    private readonly bool _sciMode;

    /// <summary>Inspects <paramref name="values"/> (the elements that will be printed).</summary>
    public ElementFormatter(IEnumerable<float> values)
    {
        // Only non-zero finite values decide the mode and width, as in PyTorch: zeros, NaN and ±inf are
        // printed in whatever notation the others chose, and may stick out of the column.
        var finite = new List<double>();
        foreach (float v in values)
        {
            if (float.IsFinite(v) && v != 0)
            {
                finite.Add(v);
            }
        }
        if (finite.Count == 0)
        {
            return;
        }

        double min = double.PositiveInfinity;
        double max = 0;
        foreach (double v in finite)
        {
            min = Math.Min(min, Math.Abs(v));
            max = Math.Max(max, Math.Abs(v));
            _intMode &= v == Math.Ceiling(v);
        }

        if (_intMode)
        {
            _sciMode = max / min > 1000.0 || max > 1.0e8;
        }
        else
        {
            _sciMode = max / min > 1000.0 || max > 1.0e8 || min < 1.0e-4;
        }

        foreach (double v in finite)
        {
            // In integer mode a '.' is appended to mark the tensor as floating point.
            int width = _sciMode ? FloatFormat.Scientific(v, Precision).Length
                : _intMode ? FloatFormat.Fixed(v, 0).Length + 1
                : FloatFormat.Fixed(v, Precision).Length;
            Width = Math.Max(Width, width);
        }
    }

    /// <summary>The column width: the longest formatted non-zero finite value.</summary>
    public int Width { get; } = 1;

    /// <summary>The value in the chosen notation, right-aligned to <see cref="Width"/>.</summary>
    public string Format(float value)
    {
        string text;
        if (_sciMode)
        {
            text = FloatFormat.Scientific(value, Precision);
        }
        else if (_intMode)
        {
            text = FloatFormat.Fixed(value, 0);
            if (float.IsFinite(value))
            {
                text += ".";
            }
        }
        else
        {
            text = FloatFormat.Fixed(value, Precision);
        }
        return text.PadLeft(Width);
    }
}
