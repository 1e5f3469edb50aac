namespace Descent.NN;

/// <summary>
/// The base of the loss modules: a function of a prediction and a target, reduced as <see cref="Reduction"/> says.
/// </summary>
/// <remarks>
/// Losses are modules so that they print, hold their class weights as buffers (saved by
/// <see cref="Module.StateDict"/> under PyTorch's names) and fit in the same places as other modules; the
/// single-input <see cref="Forward(Tensor)"/> does not apply to them.
/// </remarks>
public abstract class Loss : Module
{
    /// <summary>Sets the reduction.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="reduction"/> is not a defined value.</exception>
    protected Loss(Reduction reduction)
    {
        if (!Enum.IsDefined(reduction))
        {
            throw new ArgumentOutOfRangeException(nameof(reduction), reduction, $"Unknown reduction {reduction}.");
        }
        Reduction = reduction;
    }

    /// <summary>How the per-element losses are combined.</summary>
    public Reduction Reduction { get; }

    /// <summary>The loss of <paramref name="input"/> (the prediction) against <paramref name="target"/>.</summary>
    public abstract Tensor Forward(Tensor input, Tensor target);

    /// <summary>Not supported: a loss needs a target; call <see cref="Forward(Tensor, Tensor)"/>.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public sealed override Tensor Forward(Tensor input) =>
        throw new NotSupportedException($"{GetType().Name} needs an input and a target: call Forward(input, target).");
}
