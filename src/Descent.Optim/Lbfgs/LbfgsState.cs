using Descent.Optim.Codec;

namespace Descent.Optim;

/// <summary>State of <see cref="LBFGS"/>, for all parameters at once (filed under the first, as in PyTorch).</summary>
public sealed class LbfgsState : ParameterState
{
    /// <summary>Loss evaluations over all steps.</summary>
    public int FuncEvals { get; set; }

    /// <summary>Iterations over all steps.</summary>
    public int NIter { get; set; }

    /// <summary>The last search direction d.</summary>
    public Tensor? D { get; set; }

    /// <summary>The last step length t along d.</summary>
    public float? T { get; set; }

    /// <summary>The gradient differences y = g − g_prev of the kept curvature pairs, oldest first.</summary>
    public List<Tensor>? OldDirs { get; set; }

    /// <summary>The parameter steps s = t·d of the kept curvature pairs, oldest first.</summary>
    public List<Tensor>? OldStps { get; set; }

    /// <summary>ρ = 1 / (y·s) of each kept pair.</summary>
    public List<float>? Ro { get; set; }

    /// <summary>The scale γ = y·s / y·y of the initial inverse Hessian, from the newest pair.</summary>
    [StateKey("H_diag")]
    public float? HDiag { get; set; }

    /// <summary>The gradient at the start of the last iteration.</summary>
    public Tensor? PrevFlatGrad { get; set; }

    /// <summary>The loss at the start of the last iteration.</summary>
    public float? PrevLoss { get; set; }
}
