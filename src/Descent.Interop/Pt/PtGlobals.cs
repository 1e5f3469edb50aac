using System.Collections.Frozen;

namespace Descent.Interop.Pt;

/// <summary>
/// The globals a <c>.pt</c> pickle may name: exactly those that <c>torch.load(weights_only=True)</c> of PyTorch 1.13
/// accepts (<c>torch/_weights_only_unpickler.py</c>, <c>_get_allowed_globals</c>), printed from Debian's
/// python3-torch 1.13. Any other global is refused before anything is looked up; Descent never imports or runs
/// anything a file names. Of the allowed ones, Descent gives meaning to those in <see cref="Storages"/> and the few
/// callables <see cref="PickleReader"/> rebuilds; the rest (sparse, quantized, meta and CUDA-only tensor classes,
/// complex dtypes) are refused with a message saying Descent does not read them.
/// </summary>
internal static class PtGlobals
{
    public const string OrderedDict = "collections.OrderedDict";
    public const string RebuildTensorV2 = "torch._utils._rebuild_tensor_v2";
    public const string RebuildTensor = "torch._utils._rebuild_tensor";
    public const string RebuildParameter = "torch._utils._rebuild_parameter";
    public const string Parameter = "torch.nn.parameter.Parameter";
    public const string Size = "torch.Size";

    /// <summary>Every global torch 1.13's weights-only unpickler allows.</summary>
    public static readonly FrozenSet<string> Allowed = BuildAllowed().ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The storage classes Descent reads, with their element type (CUDA storages hold the same bytes).</summary>
    public static readonly FrozenDictionary<string, PtElement> Storages = BuildStorages().ToFrozenDictionary(StringComparer.Ordinal);

    private static IEnumerable<string> BuildAllowed()
    {
        string[] fixedNames =
        [
            OrderedDict, Parameter, "torch.serialization._get_layout", Size, "torch.Tensor",
            "torch.complex32", "torch.complex64", "torch.complex128", "torch.float16", "torch.float32", "torch.float64",
            "torch.int8", "torch.int16", "torch.int32", "torch.int64",
            RebuildParameter, RebuildTensor, RebuildTensorV2, "torch._utils._rebuild_sparse_tensor",
            "torch._utils._rebuild_meta_tensor_no_storage", "torch._utils._rebuild_sparse_csr_tensor",
            "torch.storage.TypedStorage", "torch.storage.UntypedStorage",
        ];
        string[] kinds = ["BFloat16", "Bool", "Byte", "Char", "Double", "Float", "Half", "Int", "Long", "Short"];
        string[] storageOnly = ["ComplexDouble", "ComplexFloat"];
        string[] quantized = ["QInt32", "QInt8", "QUInt2x4", "QUInt4x2", "QUInt8"];
        return fixedNames
            .Concat(kinds.Concat(storageOnly).SelectMany(k => new[] { $"torch.{k}Storage", $"torch.cuda.{k}Storage" }))
            .Concat(quantized.Select(k => $"torch.{k}Storage"))
            .Concat(kinds.SelectMany(k => new[] { $"torch.{k}Tensor", $"torch.cuda.{k}Tensor" }))
            .Concat(kinds.Where(k => k != "Bool").SelectMany(k => new[] { $"torch.sparse.{k}Tensor", $"torch.cuda.sparse.{k}Tensor" }));
    }

    private static IEnumerable<KeyValuePair<string, PtElement>> BuildStorages()
    {
        (string Kind, PtElement Element)[] kinds =
        [
            ("Float", PtElement.Float32), ("Double", PtElement.Float64), ("Half", PtElement.Float16),
            ("BFloat16", PtElement.BFloat16), ("Long", PtElement.Int64), ("Int", PtElement.Int32),
            ("Short", PtElement.Int16), ("Char", PtElement.Int8), ("Byte", PtElement.UInt8), ("Bool", PtElement.Bool),
        ];
        foreach ((string kind, PtElement element) in kinds)
        {
            yield return KeyValuePair.Create($"torch.{kind}Storage", element);
            yield return KeyValuePair.Create($"torch.cuda.{kind}Storage", element);
        }
    }
}
