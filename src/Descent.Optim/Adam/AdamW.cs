namespace Descent.Optim;

/// <summary>
/// AdamW (Loshchilov &amp; Hutter): <see cref="Adam"/> with decoupled weight decay, θ ← θ(1 − γλ), and
/// PyTorch's default λ = 1e-2; every other default is Adam's.
/// </summary>
public sealed class AdamW : Adam
{
    private const double DefaultWeightDecay = 1e-2;

    /// <summary>Creates AdamW over <paramref name="parameters"/>; each hyperparameter left out takes its default.</summary>
    public AdamW(IEnumerable<Parameter> parameters, double? lr = null, (double, double)? betas = null, double? eps = null,
        double? weightDecay = null, bool amsgrad = false, bool maximize = false)
        : this([new ParamGroup(parameters)], lr, betas, eps, weightDecay, amsgrad, maximize)
    {
    }

    /// <summary>Creates AdamW over param groups; each group may override these hyperparameters.</summary>
    public AdamW(IEnumerable<ParamGroup> groups, double? lr = null, (double, double)? betas = null, double? eps = null,
        double? weightDecay = null, bool amsgrad = false, bool maximize = false)
        : base(groups, lr, betas, eps, weightDecay ?? DefaultWeightDecay, amsgrad, maximize, decoupledWeightDecay: true)
    {
    }
}
