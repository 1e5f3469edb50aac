namespace Descent.IO;

/// <summary>The safetensors codes, element sizes and CLR types behind <see cref="TensorDType"/>.</summary>
internal static class TensorDTypes
{
    /// <summary>Every dtype code of the safetensors format that Descent does not read, for clearer messages.</summary>
    private static readonly HashSet<string> s_otherKnownCodes =
    [
        "BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "F8_E8M0", "F4", "F6_E2M3", "F6_E3M2",
        "I16", "U16", "F16", "BF16", "I32", "U32", "U64", "C64",
    ];

    public static int ElementSize(TensorDType dtype) => dtype switch
    {
        TensorDType.Float32 => sizeof(float),
        TensorDType.Float64 => sizeof(double),
        TensorDType.Int64 => sizeof(long),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null),
    };

    public static string Code(TensorDType dtype) => dtype switch
    {
        TensorDType.Float32 => "F32",
        TensorDType.Float64 => "F64",
        TensorDType.Int64 => "I64",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null),
    };

    public static bool TryParse(string code, out TensorDType dtype)
    {
        switch (code)
        {
            case "F32":
                dtype = TensorDType.Float32;
                return true;
            case "F64":
                dtype = TensorDType.Float64;
                return true;
            case "I64":
                dtype = TensorDType.Int64;
                return true;
            default:
                dtype = default;
                return false;
        }
    }

    /// <summary>Whether <paramref name="code"/> is a safetensors dtype that Descent does not read.</summary>
    public static bool IsOtherKnownCode(string code) => s_otherKnownCodes.Contains(code);

    /// <summary>
    /// The rank of the dtype in the reference library's write order: larger alignment first, and among
    /// 8-byte types I64 before F64, as its <c>Dtype</c> enum sorts them in descending order.
    /// </summary>
    public static int WriteRank(TensorDType dtype) => dtype switch
    {
        TensorDType.Int64 => 0,
        TensorDType.Float64 => 1,
        TensorDType.Float32 => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null),
    };

    public static Type ElementType(TensorDType dtype) => dtype switch
    {
        TensorDType.Float32 => typeof(float),
        TensorDType.Float64 => typeof(double),
        TensorDType.Int64 => typeof(long),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null),
    };
}
