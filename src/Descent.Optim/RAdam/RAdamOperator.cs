using System.Runtime.CompilerServices;
using Descent.Kernels;

namespace Descent.Optim;

/// <summary>
/// The RAdam update of one element (θ, m and v), as <see cref="RAdam"/> documents it. ρₜ, the branch and the
/// rectification rₜ are decided in double from the step count, as PyTorch does in Python; the factors applied to
/// tensors are rounded to float32 once.
/// </summary>
internal readonly struct RAdamOperator : IUpdateOperator
{
    private readonly WeightDecay _decay;
    private readonly Moments _moments;
    private readonly float _biasCorrection1;
    private readonly float _lr;
    private readonly bool _rectified;           // ρₜ > 5
    private readonly float _biasCorrection2Sqrt;
    private readonly float _eps;
    private readonly float _rect;               // rₜ, when rectified

    public RAdamOperator(RAdamOptions o, int step)
    {
        (double beta1, double beta2) = o.Betas;
        double bc2 = Moments.BiasCorrection(beta2, step);
        double rhoInf = 2 / (1 - beta2) - 1;
        double rho = rhoInf - 2 * step * Math.Pow(beta2, step) / bc2;
        _decay = new WeightDecay(o.Lr, o.WeightDecay, o.DecoupledWeightDecay, o.Maximize);
        _moments = new Moments(o.Betas);
        _biasCorrection1 = (float)Moments.BiasCorrection(beta1, step);
        _lr = (float)o.Lr;
        _rectified = rho > 5;
        _biasCorrection2Sqrt = (float)Math.Sqrt(bc2);
        _eps = (float)o.Eps;
        _rect = _rectified ? (float)Math.Sqrt((rho - 4) * (rho - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rho)) : 0f;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke(ref float theta, float grad, ref float m, ref float v, ref float unused)
    {
        float t = _decay.Shrink(theta);
        float g = _decay.Gradient(grad, t);
        m = _moments.First(m, g);
        v = _moments.Second(v, g);
        float step = m / _biasCorrection1 * _lr;
        if (_rectified)
        {
            // lₜ as PyTorch evaluates number / tensor: the tensor's reciprocal times the number.
            float l = 1f / (MathF.Sqrt(v) + _eps) * _biasCorrection2Sqrt;
            step = step * l * _rect;
        }
        theta = t - step;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke<TLanes>(ref TLanes theta, TLanes grad, ref TLanes m, ref TLanes v, ref TLanes unused)
        where TLanes : struct, ILanes<TLanes>
    {
        TLanes t = _decay.Shrink(theta);
        TLanes g = _decay.Gradient(grad, t);
        TLanes mk = m = _moments.First(m, g);
        TLanes vk = v = _moments.Second(v, g);
        TLanes step = mk / TLanes.Create(_biasCorrection1) * TLanes.Create(_lr);
        if (_rectified)
        {
            step = step * (TLanes.One / (TLanes.Sqrt(vk) + TLanes.Create(_eps)) * TLanes.Create(_biasCorrection2Sqrt))
                * TLanes.Create(_rect);
        }
        theta = t - step;
    }
}
