namespace Descent.NN;

/// <summary>
/// Inverted dropout, as <c>torch.nn.Dropout</c>: in training mode each element is zeroed with probability p and
/// the kept ones are scaled by 1/(1 − p), so the expected output equals the input; in evaluation mode it is the
/// identity.
/// </summary>
public sealed class Dropout : Module
{
    private readonly Generator? _generator;

    /// <summary>Creates the module.</summary>
    /// <param name="p">The probability of zeroing an element, in [0, 1].</param>
    /// <param name="generator">The source of the masks; <see cref="Generator.Default"/> when null. A generator with a
    /// fixed seed makes the masks, and so training runs, reproducible.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1].</exception>
    public Dropout(double p = 0.5, Generator? generator = null)
    {
        Functional.CheckDropoutProbability(p);
        P = p;
        _generator = generator;
    }

    /// <summary>The probability of zeroing an element.</summary>
    public double P { get; }

    /// <summary>Applies dropout in training mode; returns <paramref name="input"/> itself in evaluation mode.</summary>
    public override Tensor Forward(Tensor input) => Functional.Dropout(input, P, IsTraining, _generator);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"p={PyRepr.Float(P)}, inplace=False";
}
