using System.Runtime.CompilerServices;
using Descent.Kernels;

namespace Descent.Optim;

/// <summary>
/// Schedule-Free's switch between the training point y and the evaluation point x, θ ← lerp(θ, z, w), with z in the
/// gradient's place: w = 1 − β for <c>train()</c> and 1 − 1/β for <c>eval()</c>, as the reference moves them.
/// </summary>
internal readonly struct ModeSwitchOperator(double weight) : IUpdateOperator
{
    private readonly LerpWeight _weight = new(weight);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke(ref float theta, float z, ref float unused0, ref float unused1, ref float unused2) =>
        theta = _weight.Apply(theta, z);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke<TLanes>(ref TLanes theta, TLanes z, ref TLanes unused0, ref TLanes unused1, ref TLanes unused2)
        where TLanes : struct, ILanes<TLanes> =>
        theta = _weight.Apply(theta, z);
}
