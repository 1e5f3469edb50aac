namespace Descent.NN;

/// <summary>
/// Flattens a range of dimensions into one, as <c>torch.nn.Flatten</c>; by default every dimension after the
/// batch dimension, so [N, C, H, W] becomes [N, C·H·W].
/// </summary>
public sealed class Flatten : Module
{
    /// <summary>Creates the module.</summary>
    /// <param name="startDim">The first dimension to flatten (negative counts from the end).</param>
    /// <param name="endDim">The last dimension to flatten (negative counts from the end).</param>
    public Flatten(int startDim = 1, int endDim = -1)
    {
        StartDim = startDim;
        EndDim = endDim;
    }

    /// <summary>The first dimension flattened.</summary>
    public int StartDim { get; }

    /// <summary>The last dimension flattened.</summary>
    public int EndDim { get; }

    /// <summary>Returns a view of <paramref name="input"/> with dims StartDim..EndDim merged.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Flatten(StartDim, EndDim);
    }

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"start_dim={StartDim}, end_dim={EndDim}";
}
