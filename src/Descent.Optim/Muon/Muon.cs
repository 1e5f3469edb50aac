using Descent.Kernels;

namespace Descent.Optim;

/// <summary>
/// Muon, MomentUm Orthogonalized by Newton–Schulz (Keller Jordan, 2024), as PyTorch 2.9 implements it: SGD momentum
/// whose direction is replaced by the nearest semi-orthogonal matrix. For the 2-D weights of hidden layers only; give
/// biases, embeddings and the output layer to AdamW (<see cref="MuonAdamW"/> does the split).
/// </summary>
/// <remarks>
/// For each matrix θ (A×B) with gradient g, as <c>torch/optim/_muon.py</c>:
/// <code>
/// B ← lerp(B, g, 1 − μ)
/// D ← lerp(g, B, μ) if nesterov, else B
/// O ← NewtonSchulz(D; a, b, c, k steps, ε)
/// θ ← θ(1 − γλ)
/// θ ← θ − γ′O,   γ′ = γ√max(1, A/B) ("original", the default) or 0.2γ√max(A, B) ("match_rms_adamw")
/// </code>
/// PyTorch runs Newton–Schulz in bfloat16; this runs it in float32 (see <see cref="NewtonSchulz"/>).
/// </remarks>
public sealed class Muon : Optimizer<MuonOptions, MuonState>
{
    private static readonly MuonOptions s_defaults = new();
    private readonly MuonUpdate _update = new();

    /// <summary>Creates Muon over <paramref name="parameters"/>; each hyperparameter left out takes its default from <see cref="MuonOptions"/>.</summary>
    /// <exception cref="ArgumentException">A parameter that is not 2-D.</exception>
    public Muon(IEnumerable<Parameter> parameters, double? lr = null, double? weightDecay = null, double? momentum = null,
        bool nesterov = true, double[]? nsCoefficients = null, double? eps = null, int? nsSteps = null, string? adjustLrFn = null)
        : this([new ParamGroup(parameters)], lr, weightDecay, momentum, nesterov, nsCoefficients, eps, nsSteps, adjustLrFn)
    {
    }

    /// <summary>Creates Muon over param groups; each group may override these hyperparameters.</summary>
    /// <exception cref="ArgumentException">A parameter that is not 2-D.</exception>
    public Muon(IEnumerable<ParamGroup> groups, double? lr = null, double? weightDecay = null, double? momentum = null,
        bool nesterov = true, double[]? nsCoefficients = null, double? eps = null, int? nsSteps = null, string? adjustLrFn = null)
        : base(groups, new MuonOptions
        {
            Lr = lr ?? s_defaults.Lr, WeightDecay = weightDecay ?? s_defaults.WeightDecay, Momentum = momentum ?? s_defaults.Momentum,
            Nesterov = nesterov, NsCoefficients = nsCoefficients ?? s_defaults.NsCoefficients, Eps = eps ?? s_defaults.Eps,
            NsSteps = nsSteps ?? s_defaults.NsSteps, AdjustLrFn = adjustLrFn,
        })
    {
        foreach (Parameter p in ParamGroups.SelectMany(g => g.Params))
        {
            MuonUpdate.CheckMatrix(p);
        }
    }

    /// <inheritdoc/>
    protected override MuonState CreateState(Parameter parameter, MuonOptions options) => new() { MomentumBuffer = Tensor.ZerosLike(parameter) };

    /// <inheritdoc/>
    protected override void Update(Parameter parameter, Tensor grad, MuonOptions o, MuonState state) =>
        _update.Run(parameter, grad, o, state.MomentumBuffer!, new UpdatePath(UseReference, MaxDegreeOfParallelism));
}
