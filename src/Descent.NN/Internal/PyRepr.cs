using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Descent.NN;

/// <summary>
/// Formats values the way PyTorch's <c>repr</c> and error messages show them, so that module printouts
/// and messages read the same as their PyTorch counterparts.
/// </summary>
internal static class PyRepr
{
    /// <summary>A number as Python prints a float: <c>1.0</c>, <c>0.01</c>, <c>1e-05</c>.</summary>
    public static string Float(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }
        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }
        string text = value.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
        int exponent = text.IndexOf('e', StringComparison.Ordinal);
        if (exponent >= 0)
        {
            // Python pads the exponent to two digits: 1e-05, 1e+20.
            string mantissa = text[..exponent];
            string sign = text[exponent + 1] is '-' or '+' ? text[exponent + 1].ToString() : "+";
            string digits = text[(exponent + 1)..].TrimStart('-', '+');
            return $"{mantissa}e{sign}{digits.PadLeft(2, '0')}";
        }
        return text.Contains('.', StringComparison.Ordinal) ? text : text + ".0";
    }

    /// <summary>A flag as Python prints it: <c>True</c> or <c>False</c>.</summary>
    public static string Bool(bool value) => value ? "True" : "False";

    /// <summary>A shape as Descent's messages show it: <c>[32,57]</c>.</summary>
    public static string Shape(ImmutableArray<int> shape) => $"[{string.Join(',', shape)}]";

    /// <summary>A shape of a tensor, as <see cref="Shape(ImmutableArray{int})"/>.</summary>
    public static string Shape(Tensor tensor) => Shape(tensor.Shape);
}
