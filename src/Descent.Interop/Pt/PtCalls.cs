namespace Descent.Interop.Pt;

/// <summary>
/// What a <c>REDUCE</c> of an allowed global means, computed by Descent itself: <c>OrderedDict()</c>, the dense
/// tensor rebuilds (<c>_rebuild_tensor_v2</c>, <c>_rebuild_tensor</c>, <c>_rebuild_parameter</c>) and
/// <c>torch.Size</c>. Every other global is refused, including the allowed ones Descent does not read.
/// </summary>
internal static class PtCalls
{
    public static object Call(PtGlobal function, IReadOnlyList<object?> args, GatherBudget budget) => function.Name switch
    {
        PtGlobals.OrderedDict when args.Count == 0 => new PtDict(ordered: true),
        PtGlobals.OrderedDict => throw new FormatException("OrderedDict is called with arguments; torch.save calls it with none"),
        PtGlobals.RebuildTensorV2 when args.Count is 6 or 7 => Rebuild(args, budget),
        PtGlobals.RebuildTensor when args.Count == 4 => Rebuild(args, budget),
        PtGlobals.RebuildParameter when args.Count is 3 or 4 && args[0] is PtTensor data => data,
        PtGlobals.Size when args is [PtTuple dims] => new PtTuple([.. Longs(dims, "torch.Size")]),
        PtGlobals.RebuildTensorV2 or PtGlobals.RebuildTensor or PtGlobals.RebuildParameter or PtGlobals.Size or PtGlobals.OrderedDict =>
            throw new FormatException($"{function.Name} is called with {args.Count} arguments of the wrong kinds"),
        _ when PtGlobals.Storages.ContainsKey(function.Name) || function.Name.Contains("Storage", StringComparison.Ordinal) =>
            throw new FormatException($"{function.Name} is called directly (a legacy storage); Descent reads storages only by persistent id"),
        _ => throw new FormatException(
            $"the pickle calls '{function.Name}', which torch allows but Descent does not read (only dense tensors, OrderedDict and torch.Size)"),
    };

    private static PtTensor Rebuild(IReadOnlyList<object?> args, GatherBudget budget)
    {
        if (args[0] is not PtStorage storage || args[1] is not long offset || args[2] is not PtTuple size || args[3] is not PtTuple stride)
        {
            throw new FormatException("a tensor rebuild needs (storage, offset, size, stride, …)");
        }
        return PtTensor.Rebuild(storage, offset, Longs(size, "a tensor's size"), Longs(stride, "a tensor's stride"), budget);
    }

    private static long[] Longs(PtTuple tuple, string what) => tuple.Items
        .Select(x => x is long l ? l : throw new FormatException($"{what} holds {PickleReader.Describe(x)}, not an integer"))
        .ToArray();
}
