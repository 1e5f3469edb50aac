using System.Globalization;

namespace Descent.Distributed;

/// <summary>
/// A trial's id, <c>00012.0</c>: its configuration's index (zero-padded, so that the server's ordering of equal scores
/// is the configurations' order) and its successive-halving rung (always 0 for random and grid search).
/// </summary>
internal readonly record struct TrialId(int Configuration, int Rung)
{
    public static string ConfigurationKey(int configuration) => configuration.ToString("D5", CultureInfo.InvariantCulture);

    public static TrialId Parse(string text)
    {
        string[] parts = text.Split('.');
        if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out int c) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out int r))
        {
            throw new InvalidDataException($"'{text}' is not a trial id.");
        }
        return new TrialId(c, r);
    }

    public override string ToString() => $"{ConfigurationKey(Configuration)}.{Rung.ToString(CultureInfo.InvariantCulture)}";
}
