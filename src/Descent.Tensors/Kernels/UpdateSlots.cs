namespace Descent.Kernels;

/// <summary>
/// The buffers of one parameter's element-wise update: θ, its gradient and up to three states of the same length; a
/// state the update does not use is left empty.
/// </summary>
/// <remarks>Buffers must not overlap.</remarks>
public readonly struct UpdateSlots
{
    /// <summary>Names the buffers of one update.</summary>
    /// <exception cref="ArgumentException">A gradient or a non-empty state whose length is not θ's.</exception>
    public UpdateSlots(Memory<float> theta, ReadOnlyMemory<float> grad, Memory<float> s0 = default, Memory<float> s1 = default,
        Memory<float> s2 = default)
    {
        if (grad.Length != theta.Length || !Fits(s0, theta.Length) || !Fits(s1, theta.Length) || !Fits(s2, theta.Length))
        {
            throw new ArgumentException($"every buffer of an update must have the parameter's {theta.Length} elements");
        }
        (Theta, Grad, S0, S1, S2) = (theta, grad, s0, s1, s2);
    }

    /// <summary>The parameter θ.</summary>
    public Memory<float> Theta { get; }

    /// <summary>The gradient g.</summary>
    public ReadOnlyMemory<float> Grad { get; }

    /// <summary>The first state, or empty.</summary>
    public Memory<float> S0 { get; }

    /// <summary>The second state, or empty.</summary>
    public Memory<float> S1 { get; }

    /// <summary>The third state, or empty.</summary>
    public Memory<float> S2 { get; }

    /// <summary>The number of elements.</summary>
    public int Length => Theta.Length;

    private static bool Fits(Memory<float> state, int length) => state.IsEmpty || state.Length == length;
}
