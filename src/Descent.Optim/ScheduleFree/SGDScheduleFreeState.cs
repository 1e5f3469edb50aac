namespace Descent.Optim;

/// <summary>State of <see cref="SGDScheduleFree"/>: z alone.</summary>
public sealed class SGDScheduleFreeState : ScheduleFreeState
{
}
