namespace Descent.Optim.Kernels;

/// <summary>
/// An element-wise update over one parameter that <see cref="ChunkedUpdate"/> can split into ranges: running every
/// range once, in any order and on any thread, gives the same result as running the whole length at once.
/// </summary>
/// <remarks>
/// Implementations are small structs that hold the parameter's buffers as <see cref="Memory{T}"/> and the step's
/// scalars, so that handing one to another thread allocates nothing.
/// </remarks>
internal interface IChunkWork
{
    /// <summary>Updates the elements [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>).</summary>
    void Run(int start, int length);
}
