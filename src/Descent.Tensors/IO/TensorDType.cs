namespace Descent.IO;

/// <summary>The element types that Descent reads and writes in tensor files.</summary>
/// <remarks>
/// Each member names its safetensors code in its docs. The tensor engine itself is float32 only;
/// <see cref="Float64"/> and <see cref="Int64"/> carry state such as 64-bit counters and data exchanged
/// with other tools.
/// </remarks>
public enum TensorDType
{
    /// <summary>32-bit IEEE 754 float, safetensors <c>F32</c>; read and written as <see cref="Tensor"/>.</summary>
    Float32,

    /// <summary>64-bit IEEE 754 float, safetensors <c>F64</c>.</summary>
    Float64,

    /// <summary>64-bit signed integer, safetensors <c>I64</c>.</summary>
    Int64,
}
