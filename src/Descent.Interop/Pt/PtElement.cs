namespace Descent.Interop.Pt;

/// <summary>The element types of the torch storages Descent reads, as torch stores them (little-endian).</summary>
internal enum PtElement
{
    Float32,
    Float64,
    Float16,
    BFloat16,
    Int64,
    Int32,
    Int16,
    Int8,
    UInt8,
    Bool,
}
