using System.Runtime.CompilerServices;

namespace Descent.Optim;

/// <summary>
/// Working buffers shaped like each parameter, for updates in passes (the direction before its trust ratio or
/// orthogonalization). Not state: they hold nothing from one step to the next, so they stay out of state dicts, and
/// one kept per parameter means a step allocates nothing after the first.
/// </summary>
internal sealed class ScratchBuffers
{
    private readonly ConditionalWeakTable<Parameter, Tensor> _buffers = [];

    /// <summary>A buffer with <paramref name="parameter"/>'s shape; its contents are whatever the last user left.</summary>
    public Tensor For(Parameter parameter)
    {
        if (_buffers.TryGetValue(parameter, out Tensor? buffer) && buffer.Shape.SequenceEqual(parameter.Shape))
        {
            return buffer;
        }
        buffer = Tensor.ZerosLike(parameter);
        _buffers.AddOrUpdate(parameter, buffer);
        return buffer;
    }
}
