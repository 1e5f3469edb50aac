namespace Descent.Optim;

/// <summary>
/// An optimizer whose parameters hold a different point while training than the one to evaluate (Schedule-Free's
/// y and x): <see cref="Train"/> before training steps, <see cref="Eval"/> before validation, prediction and saving
/// a checkpoint. Training code switches any optimizer that implements it; the others need no switch.
/// </summary>
public interface ITrainEvalOptimizer
{
    /// <summary>Whether the parameters hold the training point (the first group's <c>train_mode</c>).</summary>
    bool IsTraining { get; }

    /// <summary>Moves the parameters to the point gradients are taken at; does nothing when already training.</summary>
    void Train();

    /// <summary>Moves the parameters to the point to evaluate; does nothing when already evaluating.</summary>
    void Eval();
}
