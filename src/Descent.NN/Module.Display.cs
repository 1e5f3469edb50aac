using System.Text;

namespace Descent.NN;

public abstract partial class Module
{
    /// <summary>
    /// The module tree as PyTorch prints it, e.g.
    /// <c>Sequential(\n  (0): Linear(in_features=4, out_features=8, bias=True)\n  (1): Tanh()\n)</c>.
    /// </summary>
    public override string ToString()
    {
        string extra = ExtraRepr();
        string[] extraLines = extra.Length == 0 ? [] : extra.Split('\n');
        var lines = new List<string>(extraLines);
        foreach ((string name, Module child) in _modules)
        {
            lines.Add($"({name}): {IndentFollowingLines(child.ToString())}");
        }

        var sb = new StringBuilder(GetType().Name).Append('(');
        if (extraLines.Length == 1 && _modules.Count == 0)
        {
            sb.Append(extraLines[0]);
        }
        else if (lines.Count > 0)
        {
            sb.Append("\n  ").AppendJoin("\n  ", lines).Append('\n');
        }
        return sb.Append(')').ToString();
    }

    /// <summary>
    /// The module's own settings as shown between the parentheses of <see cref="ToString"/>, in PyTorch's
    /// wording (<c>in_features=4, out_features=8, bias=True</c>); empty by default.
    /// </summary>
    protected virtual string ExtraRepr() => string.Empty;

    private static string IndentFollowingLines(string text) => text.Replace("\n", "\n  ", StringComparison.Ordinal);
}
