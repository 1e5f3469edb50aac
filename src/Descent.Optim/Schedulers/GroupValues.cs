using System.Collections;
using System.Runtime.CompilerServices;

namespace Descent.Optim.Schedulers;

/// <summary>
/// A scheduler argument given once for every param group or once per group — PyTorch's "float or list"
/// (<c>max_lr=0.1</c> or <c>max_lr=[0.1, 0.01]</c>). A number converts implicitly, and so does an array or a
/// collection expression: <c>maxLr: 0.1</c>, <c>maxLr: [0.1, 0.01]</c>.
/// </summary>
[CollectionBuilder(typeof(GroupValues), nameof(Create))]
public readonly struct GroupValues : IEnumerable<double>
{
    private readonly double _single;
    private readonly double[]? _perGroup;

    /// <summary>The same value for every group.</summary>
    public GroupValues(double value) => _single = value;

    /// <summary>One value per group, in group order.</summary>
    public GroupValues(IEnumerable<double> values) => _perGroup = [.. values ?? throw new ArgumentNullException(nameof(values))];

    /// <summary>Whether one value per group was given.</summary>
    public bool IsPerGroup => _perGroup is not null;

    /// <summary>The same value for every group.</summary>
    public static implicit operator GroupValues(double value) => new(value);

    /// <summary>One value per group.</summary>
    public static implicit operator GroupValues(double[] values) => new(values);

    /// <summary>One value per group (the target of collection expressions).</summary>
    public static GroupValues Create(ReadOnlySpan<double> values) => new(values.ToArray());

    /// <summary>The value of each of <paramref name="groups"/> groups; a per-group list must have exactly one value a group.</summary>
    /// <exception cref="ArgumentException">A per-group list of another length (named <paramref name="paramName"/>).</exception>
    public double[] Resolve(int groups, string paramName)
    {
        if (_perGroup is null)
        {
            return Enumerable.Repeat(_single, groups).ToArray();
        }
        Throw.ArgumentIf(_perGroup.Length != groups,
            $"{paramName} must have the same length as optimizer.param_groups. {paramName} has {_perGroup.Length} values, param_groups has {groups}.", paramName);
        return [.. _perGroup];
    }

    /// <summary>The per-group values, or the single value once.</summary>
    public IEnumerator<double> GetEnumerator() => ((IEnumerable<double>)(_perGroup ?? [_single])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public override string ToString() => OptimizerStateDict.FormatValue(_perGroup ?? (object)_single);
}
