namespace Descent.Optim;

/// <summary>Argument checks with PyTorch's conditions and messages ("Invalid learning rate: -1").</summary>
internal static class Check
{
    public static void NonNegative(double value, string key, string description) => Require(value >= 0, value, key, description, ">= 0");

    public static void Positive(double value, string key, string description) => Require(value > 0, value, key, description, "> 0");

    /// <summary>0 ≤ value &lt; 1, PyTorch's condition on betas.</summary>
    public static void UnitInterval(double value, string key, string description) =>
        Require(value >= 0 && value < 1, value, key, description, "in [0, 1)");

    /// <summary>0 ≤ value ≤ 1.</summary>
    public static void ClosedUnitInterval(double value, string key, string description) =>
        Require(value >= 0 && value <= 1, value, key, description, "in [0, 1]");

    /// <summary>A number as Python prints it (1e-08, 0.9), so messages read as PyTorch's do.</summary>
    public static string Format(double value) => OptimizerStateDict.FormatNumber(value);

    // NaN fails every condition, so it is refused as PyTorch refuses it.
    private static void Require(bool ok, double value, string key, string description, string condition)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(key, value, $"Invalid {description}: {Format(value)} ({key} must be {condition}).");
        }
    }
}
