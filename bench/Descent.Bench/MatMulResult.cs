namespace Descent.Bench;

/// <summary>One product of one layer: Descent's GEMM against torch.mm into a preallocated output.</summary>
internal sealed record MatMulResult(LinearShape Layer, string Product, Sample Descent, double TorchGflops)
{
    public double Gflops => Layer.Flops / Descent.Median / 1e9;
}
