using Descent.Optim;

namespace Descent.Bench;

/// <summary>
/// One optimizer configuration of the step benchmark: its name (shared with <c>bench/peer/optim_peer.py</c>), the
/// bytes per fp32 element that a single-pass step must move, and how to build it.
/// </summary>
/// <param name="Name">The name both sides use.</param>
/// <param name="BytesPerElement">Bytes read and written per element by one fused pass.</param>
/// <param name="Traffic">Which buffers are read (r) and written (w), for the report.</param>
/// <param name="Create">Builds the optimizer over the parameters.</param>
internal sealed record OptimizerCase(string Name, int BytesPerElement, string Traffic, Func<Parameter[], Optimizer> Create)
{
    /// <summary>The configurations, torch's defaults unless named otherwise.</summary>
    public static IReadOnlyList<OptimizerCase> All { get; } =
    [
        new("SGD", 12, "r θ g, w θ", ps => new SGD(ps, lr: 0.01)),
        new("SGD momentum", 20, "r θ g b, w θ b", ps => new SGD(ps, lr: 0.01, momentum: 0.9)),
        new("Adam", 28, "r θ g m v, w θ m v", ps => new Adam(ps)),
        new("Adam amsgrad", 36, "r θ g m v v̂, w θ m v v̂", ps => new Adam(ps, amsgrad: true)),
        new("AdamW", 28, "r θ g m v, w θ m v", ps => new AdamW(ps)),
        new("AdamW amsgrad", 36, "r θ g m v v̂, w θ m v v̂", ps => new AdamW(ps, amsgrad: true)),
        new("RMSprop", 20, "r θ g v, w θ v", ps => new RMSprop(ps)),
        new("Adagrad", 20, "r θ g s, w θ s", ps => new Adagrad(ps)),
    ];
}
