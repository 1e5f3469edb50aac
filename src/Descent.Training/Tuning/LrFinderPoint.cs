namespace Descent.Training;

/// <summary>One batch of an LR range test.</summary>
/// <param name="Lr">The learning rate the batch was trained with.</param>
/// <param name="Loss">The batch's loss.</param>
/// <param name="SmoothedLoss">The bias-corrected exponential moving average of the losses up to this batch.</param>
public readonly record struct LrFinderPoint(double Lr, double Loss, double SmoothedLoss);
