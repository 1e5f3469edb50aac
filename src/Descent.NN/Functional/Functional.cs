namespace Descent.NN;

/// <summary>
/// Stateless functions behind the modules, as <c>torch.nn.functional</c>: the losses and dropout. Import it
/// under a short alias: <c>using F = Descent.NN.Functional;</c> then <c>F.MseLoss(prediction, target)</c>.
/// </summary>
/// <remarks>
/// Every function is built from <see cref="Tensor"/> operations, so its result records the graph and
/// <see cref="Tensor.Backward(bool)"/> reaches the inputs. Inputs and targets whose shapes do not fit are
/// rejected with both shapes in the message rather than broadcast.
/// </remarks>
public static partial class Functional
{
    /// <summary>
    /// Inverted dropout: zeroes each element with probability <paramref name="p"/> and scales the others by
    /// 1/(1 − p). With <paramref name="training"/> false (or p = 0) it returns <paramref name="input"/> itself;
    /// with p = 1 it returns zeros.
    /// </summary>
    /// <param name="input">The values.</param>
    /// <param name="p">The probability of zeroing an element, in [0, 1].</param>
    /// <param name="training">False makes the function the identity.</param>
    /// <param name="generator">The source of the mask; <see cref="Generator.Default"/> when null.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1].</exception>
    public static Tensor Dropout(Tensor input, double p = 0.5, bool training = true, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckDropoutProbability(p);
        if (!training || p == 0)
        {
            return input;
        }
        if (p == 1)
        {
            // As PyTorch: multiply rather than build zeros, so the result stays in the graph (with zero gradient).
            return input * 0f;
        }
        return input.Dropout(p, generator);
    }

    internal static void CheckDropoutProbability(double p)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p,
                $"dropout probability has to be between 0 and 1, but got {PyRepr.Float(p)}");
        }
    }

    private static Tensor Reduce(Tensor loss, Reduction reduction) => reduction switch
    {
        Reduction.Mean => loss.Mean(),
        Reduction.Sum => loss.Sum(),
        Reduction.None => loss,
        _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, $"Unknown reduction {reduction}."),
    };

    private static void CheckReduction(Reduction reduction)
    {
        if (!Enum.IsDefined(reduction))
        {
            throw new ArgumentOutOfRangeException(nameof(reduction), reduction, $"Unknown reduction {reduction}.");
        }
    }

    /// <summary>Rejects a target whose shape differs from the input's (PyTorch would warn and broadcast).</summary>
    private static void CheckSameShape(Tensor input, Tensor target, string op)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        if (!input.Shape.SequenceEqual(target.Shape))
        {
            throw new ArgumentException(
                $"{op}: target shape {PyRepr.Shape(target)} differs from input shape {PyRepr.Shape(input)}; they must be the same.",
                nameof(target));
        }
    }

    /// <summary>Rejects an element-wise weight that does not broadcast to exactly the input's shape.</summary>
    private static void CheckBroadcastsTo(Tensor? weight, Tensor input, string op, string name)
    {
        if (weight is null)
        {
            return;
        }
        bool fits = weight.Rank <= input.Rank;
        for (int i = 1; fits && i <= weight.Rank; i++)
        {
            int size = weight.Shape[^i];
            fits = size == 1 || size == input.Shape[^i];
        }
        if (!fits)
        {
            throw new ArgumentException(
                $"{op}: {name} of shape {PyRepr.Shape(weight)} does not broadcast to input shape {PyRepr.Shape(input)}.", name);
        }
    }
}
