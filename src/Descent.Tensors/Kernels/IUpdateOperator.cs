using System.Runtime.Intrinsics;

namespace Descent.Kernels;

/// <summary>
/// One optimizer's element-wise update, as <see cref="ElementwiseUpdate"/> runs it: a scalar form, the reference that
/// reads like the paper, and vector forms that must give the same bits lane by lane.
/// </summary>
/// <remarks>
/// Each form receives one element (or one vector of elements) of the parameter θ and of up to three state buffers by
/// reference, and the gradient by value; it reads and writes only those. A state the update does not use is a
/// reference to nothing and must not be touched (the operator knows from its own flags which states it uses).
/// </remarks>
public interface IUpdateOperator
{
    /// <summary>Whether <see cref="Invoke(ref Vector512{float}, Vector512{float}, ref Vector512{float}, ref Vector512{float}, ref Vector512{float})"/> is worth running where the core has 512-bit vectors.</summary>
    static virtual bool IsWide => false;

    /// <summary>Updates one element: θ and the states s0, s1, s2 from the gradient g.</summary>
    void Invoke(ref float theta, float grad, ref float s0, ref float s1, ref float s2);

    /// <summary>Updates eight elements, bit for bit as the scalar form.</summary>
    void Invoke(ref Vector256<float> theta, Vector256<float> grad, ref Vector256<float> s0, ref Vector256<float> s1, ref Vector256<float> s2);

    /// <summary>Updates sixteen elements, bit for bit as the scalar form; runs only where <see cref="IsWide"/> says so.</summary>
    void Invoke(ref Vector512<float> theta, Vector512<float> grad, ref Vector512<float> s0, ref Vector512<float> s1, ref Vector512<float> s2) =>
        throw new NotSupportedException();
}
