using System.Collections;
using System.Globalization;

namespace Descent.NN;

/// <summary>
/// A chain of modules applied in order, each to the output of the one before, as <c>torch.nn.Sequential</c>.
/// Children are named by position (<c>0</c>, <c>1</c>, …), so parameters are named <c>0.weight</c>, <c>0.bias</c>, ….
/// </summary>
/// <example>
/// <code>
/// var model = new Sequential(new Linear(4, 8), new Tanh(), new Linear(8, 3));
/// // or, with a collection initializer:
/// var same = new Sequential { new Linear(4, 8), new Tanh(), new Linear(8, 3) };
/// </code>
/// </example>
public sealed class Sequential : Module, IEnumerable<Module>
{
    /// <summary>Creates a chain of <paramref name="modules"/> (none gives the identity).</summary>
    public Sequential(params Module[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (Module module in modules)
        {
            Add(module);
        }
    }

    /// <summary>The number of modules in the chain.</summary>
    public int Count => ChildCount;

    /// <summary>The module at <paramref name="index"/>; negative indices count from the end, as in Python.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside [−Count, Count).</exception>
    public Module this[int index]
    {
        get
        {
            if (index < -Count || index >= Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index,
                    $"index {index} is out of range for a Sequential of {Count} modules.");
            }
            return ChildAt(index < 0 ? index + Count : index);
        }
    }

    /// <summary>Appends <paramref name="module"/> to the chain under the next position number.</summary>
    /// <returns>This chain, for fluent construction.</returns>
    public Sequential Add(Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        RegisterModule(Count.ToString(CultureInfo.InvariantCulture), module);
        return this;
    }

    /// <summary>Applies each module in order.</summary>
    public override Tensor Forward(Tensor input)
    {
        Tensor x = input;
        for (int i = 0; i < Count; i++)
        {
            x = ChildAt(i).Forward(x);
        }
        return x;
    }

    /// <summary>The modules in order.</summary>
    public IEnumerator<Module> GetEnumerator()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return ChildAt(i);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
