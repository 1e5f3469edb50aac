namespace Descent.Bench;

/// <summary>One optimizer configuration on one parameter layout: Descent's step, PyTorch's two, and allocations.</summary>
/// <param name="Case">The optimizer configuration.</param>
/// <param name="Layout">The parameters it steps.</param>
/// <param name="Descent">Descent's step times.</param>
/// <param name="FloorGBps">The median rate of the <see cref="FloorProbe"/> runs paired with the timed steps.</param>
/// <param name="TimesFloor">
/// The median over the pairs of the step's time over the time its bytes take at the rate of the floor run just before
/// it: 1 is at the floor.
/// </param>
/// <param name="TorchForLoop">PyTorch's median step with <c>foreach=False</c>, NaN without the peer.</param>
/// <param name="TorchForeach">PyTorch's median step with <c>foreach=True</c>, NaN without the peer.</param>
/// <param name="AllocatedPerStepThread">Managed bytes per step after warm-up on the stepping thread.</param>
/// <param name="AllocatedPerStepProcess">Managed bytes per step after warm-up in the whole process.</param>
internal sealed record OptimizerResult(OptimizerCase Case, ParameterLayout Layout, Sample Descent, double FloorGBps, double TimesFloor,
    double TorchForLoop, double TorchForeach, double AllocatedPerStepThread, double AllocatedPerStepProcess)
{
    /// <summary>The bytes one step must move.</summary>
    public double Bytes => (double)Case.BytesPerElement * Layout.Elements;

    public double GBps => Bytes / Descent.Median / 1e9;

    /// <summary>PyTorch's faster variant, or NaN without the peer.</summary>
    public double TorchBest => double.IsNaN(TorchForLoop) ? TorchForeach
        : double.IsNaN(TorchForeach) ? TorchForLoop : Math.Min(TorchForLoop, TorchForeach);

}
