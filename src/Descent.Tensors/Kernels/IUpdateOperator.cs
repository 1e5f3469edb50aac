namespace Descent.Kernels;

/// <summary>
/// One optimizer's element-wise update, as <see cref="ElementwiseUpdate"/> runs it: a scalar form, the reference that
/// reads like the paper, and one vector form, written once over <see cref="ILanes{TSelf}"/> for every width, that must
/// give the same bits lane by lane.
/// </summary>
/// <remarks>
/// Each form receives one element (or one vector of elements) of the parameter θ and of up to three state buffers by
/// reference, and the gradient by value; it reads and writes only those. A state the update does not use is a
/// reference to nothing and must not be touched (the operator knows from its own flags which states it uses).
/// </remarks>
public interface IUpdateOperator
{
    /// <summary>Whether <see cref="Invoke{TLanes}"/> is worth running 512 bits at a time where the core has 512-bit vectors.</summary>
    static virtual bool IsWide => false;

    /// <summary>Updates one element: θ and the states s0, s1, s2 from the gradient g.</summary>
    void Invoke(ref float theta, float grad, ref float s0, ref float s1, ref float s2);

    /// <summary>
    /// Updates one vector of elements, bit for bit as the scalar form lane by lane: eight at a time, or sixteen where
    /// <see cref="IsWide"/> says so.
    /// </summary>
    void Invoke<TLanes>(ref TLanes theta, TLanes grad, ref TLanes s0, ref TLanes s1, ref TLanes s2)
        where TLanes : struct, ILanes<TLanes>;
}
