using System.Globalization;
using Descent.Optim.Schedulers;

namespace Descent.Optim.Codec;

/// <summary>
/// The value converter of the state codec, both ways, checking type, count and shape and copying, never aliasing.
/// Values are numbers, flags, strings, enums (by name), pairs and lists of numbers, tensors and lists of tensors;
/// in a parameter's state numbers are scalar tensors, as PyTorch keeps <c>step</c>.
/// </summary>
internal static class StateValue
{
    /// <summary>Whether a member of <paramref name="type"/> is state.</summary>
    public static bool IsSupported(Type type)
    {
        Type u = Nullable.GetUnderlyingType(type) ?? type;
        return u.IsPrimitive && u != typeof(char) && u != typeof(IntPtr) && u != typeof(UIntPtr) || u.IsEnum
            || u == typeof(string) || u == typeof((double, double)) || u == typeof((double?, double)) || u == typeof(double[]) || u == typeof(int[])
            || u == typeof(Tensor) || u == typeof(List<Tensor>) || u == typeof(List<float>) || u == typeof(LRScheduler[]);
    }

    /// <summary>A copy of <paramref name="value"/> for a state dict; with <paramref name="numbersAsTensors"/>, numbers become scalar tensors.</summary>
    public static object? Export(object? value, bool numbersAsTensors) => value switch
    {
        Tensor t => Copy(t),
        int i when numbersAsTensors => Tensor.Scalar(i),
        float f when numbersAsTensors => Tensor.Scalar(f),
        List<Tensor> list => list.Select(Copy).ToList(),
        List<float> numbers => numbers.Select(Tensor.Scalar).ToList(),
        double[] a => a.ToArray(),
        int[] a => a.ToArray(),
        Enum e => e.ToString(),
        _ => value,
    };

    /// <summary>
    /// <paramref name="value"/> as a value of <paramref name="target"/>: tensors must have <paramref name="shape"/>,
    /// lists as many items as <paramref name="current"/> holds (when it is a list).
    /// With <paramref name="numbersAsTensors"/> (a parameter's state), every value must be a tensor or a list of them.
    /// </summary>
    /// <exception cref="ArgumentException">The value does not fit; the message starts with <paramref name="what"/>.</exception>
    public static object? Import(object? value, Type target, int[]? shape, object? current, string what, bool numbersAsTensors = false)
    {
        Type u = Nullable.GetUnderlyingType(target) ?? target;
        ArgumentException Wrong() => new($"{what} expects {Describe(u)}, got {Shown(value)} ({value?.GetType().Name ?? "null"}).");
        Throw.ArgumentIf(numbersAsTensors && value is not (Tensor or IEnumerable<Tensor>), $"{what} must be a tensor or a list of tensors, got {value?.GetType().Name ?? "null"}.");
        try
        {
            switch (value)
            {
                case null:
                    return !target.IsValueType || u != target ? null : throw Wrong();
                case Tensor t when u == typeof(Tensor):
                    return Shaped(t, shape, what);
                case IEnumerable<Tensor> items when u == typeof(List<Tensor>):
                    return items.Select(t => Shaped(t, shape, what)).ToList();
                case IEnumerable<Tensor> items when u == typeof(List<float>):
                    return items.Select(t => t.NumElements == 1 ? t.Item() : throw new ArgumentException($"{what} must hold one number per item, got shape {Format(t.Shape)}.")).ToList();
                case Tensor t when u == typeof(int) || u == typeof(float):
                    Throw.ArgumentIf(t.NumElements != 1, $"{what} must hold one number, got shape {Format(t.Shape)}.");
                    float item = t.Item();
                    return u == typeof(float) ? item
                        : item >= 0 && item <= 1 << 24 && MathF.Floor(item) == item ? (object)(int)item
                        : throw new ArgumentException($"{what} must be a non-negative integer, got {item}.");
                case IReadOnlyList<double> or IReadOnlyList<int> when u == typeof(double[]) || u == typeof(int[]):
                    Array list = u == typeof(double[]) ? Numbers((System.Collections.IEnumerable)value).ToArray()
                        : Numbers((System.Collections.IEnumerable)value).Select(d => IsInt(d) ? (int)d : throw Wrong()).ToArray();
                    return current is Array old && old.Length != list.Length
                        ? throw new ArgumentException($"{what} has {list.Length} values, expected {old.Length}.")
                        : list;
                case System.Runtime.CompilerServices.ITuple tuple when u == typeof(double[]):
                    // A tuple of numbers, as Python passes betas=(0.9, 0.999, 0.9999).
                    return Import(Enumerable.Range(0, tuple.Length).Select(i => System.Convert.ToDouble(tuple[i], CultureInfo.InvariantCulture)).ToArray(),
                        target, shape, current, what, numbersAsTensors);
                case (double a, double b) when u == typeof((double, double)):
                    return (a, b);
                case (int a, int b) when u == typeof((double, double)):
                    return ((double)a, (double)b);
                case double[] { Length: 2 } pair when u == typeof((double, double)):
                    return (pair[0], pair[1]);
                case not null when u == typeof((double?, double)) && OptionalPair(value) is { } optional:
                    return optional;
                case string s when u.IsEnum:
                    // TryParse also takes digits ("7"), which name no member.
                    return Enum.TryParse(u, s, ignoreCase: false, out object? parsed) && Enum.IsDefined(u, parsed!) ? parsed : throw Wrong();
                case bool or string or Enum when u.IsInstanceOfType(value):
                    return value;
                case IConvertible c when value is not bool and not string && u == typeof(double):
                    return c.ToDouble(CultureInfo.InvariantCulture);
                case IConvertible c when value is not bool and not string && u == typeof(int):
                    double d = c.ToDouble(CultureInfo.InvariantCulture);
                    return IsInt(d) ? (int)d : throw Wrong();
                case System.Collections.IEnumerable items when value is not string && (u == typeof(double[]) || u == typeof((double, double))):
                    // Any other list of numbers (List<double>, object[] of numbers) as a list or a pair.
                    double[] numbers = Numbers(items).ToArray();
                    return u == typeof(double[]) ? Import(numbers, target, shape, current, what, numbersAsTensors)
                        : numbers.Length == 2 ? (numbers[0], numbers[1]) : throw Wrong();
                default:
                    throw Wrong();
            }
        }
        catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException)
        {
            throw Wrong();
        }
    }

    /// <summary>A pair whose first item may be None (Adafactor's <c>eps = (None, 1e-3)</c>) from a tuple or a two-item list, else null.</summary>
    private static (double?, double)? OptionalPair(object value)
    {
        object?[]? items = value switch
        {
            System.Runtime.CompilerServices.ITuple { Length: 2 } t => [t[0], t[1]],
            System.Collections.IEnumerable e and not string => e.Cast<object?>().ToArray(),
            _ => null,
        };
        if (items is not { Length: 2 } || items[1] is null or bool || items[0] is bool)
        {
            return null;
        }
        double? first = items[0] is null ? null : System.Convert.ToDouble(items[0], CultureInfo.InvariantCulture);
        return (first, System.Convert.ToDouble(items[1], CultureInfo.InvariantCulture));
    }

    /// <summary>A value as a message shows it: a list by its items.</summary>
    private static string Shown(object? value) => value switch
    {
        null => "null",
        string s => s,
        System.Collections.IList items => "[" + string.Join(", ", items.Cast<object?>().Select(x => System.Convert.ToString(x, CultureInfo.InvariantCulture))) + "]",
        _ => System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>Python's repr of a shape.</summary>
    public static string Format(IEnumerable<int> shape) => $"[{string.Join(",", shape)}]";

    private static IEnumerable<double> Numbers(System.Collections.IEnumerable items) =>
        items.Cast<object>().Select(x => System.Convert.ToDouble(x, CultureInfo.InvariantCulture));

    private static bool IsInt(double d) => Math.Floor(d) == d && Math.Abs(d) <= int.MaxValue;

    private static Tensor Shaped(Tensor t, int[]? shape, string what) => shape is null || t.Shape.SequenceEqual(shape)
        ? Copy(t)
        : throw new ArgumentException($"{what} has shape {Format(t.Shape)} but the parameter has shape {Format(shape)}.");

    // FromArray reads an empty shape as 1-D, so a 0-D tensor (Prodigy's p0 of an all-zero parameter) is copied as one.
    private static Tensor Copy(Tensor t) => t.Shape.Length == 0 ? Tensor.Scalar(t.Item()) : Tensor.FromArray(t.ToArray(), [.. t.Shape]);

    private static string Describe(Type t) =>
        t == typeof(double) ? "a number" :
        t == typeof(int) ? "an integer" :
        t == typeof(bool) ? "true or false" :
        t == typeof((double, double)) ? "a pair of numbers" :
        t == typeof(double[]) ? "a list of numbers" :
        t == typeof((double?, double)) ? "a pair (None or a number, a number)" :
        t == typeof(Tensor) ? "a tensor" :
        t == typeof(List<Tensor>) || t == typeof(List<float>) ? "a list of tensors" :
        t.IsEnum ? $"one of {string.Join(", ", Enum.GetNames(t))}" :
        t.Name;
}
