namespace Descent.Explorer.Model;

/// <summary>What kind of control a hyperparameter gets, from the type of its default value.</summary>
public enum HyperparameterKind
{
    /// <summary>A number field; the learning rate also gets a slider on a log scale.</summary>
    Number,

    /// <summary>A whole-number field.</summary>
    Integer,

    /// <summary>A check box.</summary>
    Flag,

    /// <summary>Two number fields (<c>betas</c>, <c>etas</c>, …).</summary>
    Pair,

    /// <summary>A text field; empty means none.</summary>
    Text,
}

/// <summary>One hyperparameter of an optimizer as the page shows it: its PyTorch key, kind and default.</summary>
/// <param name="Key">The PyTorch key (<c>lr</c>, <c>weight_decay</c>).</param>
/// <param name="Kind">The control.</param>
/// <param name="Default">The optimizer's default, as the registry builds it.</param>
public sealed record Hyperparameter(string Key, HyperparameterKind Kind, object? Default)
{
    /// <summary>The kind of control for a default value.</summary>
    public static HyperparameterKind KindOf(object? value) => value switch
    {
        bool => HyperparameterKind.Flag,
        int or long => HyperparameterKind.Integer,
        double or float => HyperparameterKind.Number,
        ValueTuple<double, double> => HyperparameterKind.Pair,
        _ => HyperparameterKind.Text,
    };
}
