namespace Descent.IO;

/// <summary>One tensor's line of a safetensors header, checked on its own but not yet against its neighbours.</summary>
/// <param name="Name">The tensor's name.</param>
/// <param name="DType">The element type.</param>
/// <param name="Shape">The sizes of the dimensions.</param>
/// <param name="Begin">The first byte of the data, relative to the start of the data section.</param>
/// <param name="End">One past the last byte of the data.</param>
internal readonly record struct HeaderEntry(string Name, TensorDType DType, int[] Shape, long Begin, long End)
{
    public int NumElements => (int)((End - Begin) / TensorDTypes.ElementSize(DType));
}
