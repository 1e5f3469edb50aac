namespace Descent.NN;

public static partial class Functional
{
    /// <summary>The squared error (x − y)², reduced; as <c>torch.nn.functional.mse_loss</c>.</summary>
    /// <exception cref="ArgumentException">Input and target shapes differ.</exception>
    public static Tensor MseLoss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean)
    {
        CheckSameShape(input, target, nameof(MseLoss));
        CheckReduction(reduction);
        return Reduce((input - target).Square(), reduction);
    }

    /// <summary>The absolute error |x − y|, reduced; as <c>torch.nn.functional.l1_loss</c>.</summary>
    /// <exception cref="ArgumentException">Input and target shapes differ.</exception>
    public static Tensor L1Loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean)
    {
        CheckSameShape(input, target, nameof(L1Loss));
        CheckReduction(reduction);
        return Reduce((input - target).Abs(), reduction);
    }

    /// <summary>
    /// The Huber loss, as <c>torch.nn.functional.huber_loss</c>: ½d² where |d| &lt; δ, else δ(|d| − ½δ),
    /// with d = x − y. Quadratic near zero, linear (slope δ) in the tails.
    /// </summary>
    /// <exception cref="ArgumentException">Input and target shapes differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is not positive.</exception>
    public static Tensor HuberLoss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, double delta = 1.0)
    {
        CheckSameShape(input, target, nameof(HuberLoss));
        CheckReduction(reduction);
        CheckHuberDelta(delta);
        Tensor d = input - target;
        Tensor absolute = d.Abs();
        float delta32 = (float)delta;
        Tensor loss = Tensor.Where(absolute.Lt(delta32), 0.5f * d.Square(), delta32 * (absolute - 0.5f * delta32));
        return Reduce(loss, reduction);
    }

    /// <summary>
    /// The smooth L1 loss, as <c>torch.nn.functional.smooth_l1_loss</c>: ½d²/β where |d| &lt; β, else |d| − ½β,
    /// with d = x − y; β = 0 gives the L1 loss. Equals the Huber loss divided by β.
    /// </summary>
    /// <exception cref="ArgumentException">Input and target shapes differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="beta"/> is negative.</exception>
    public static Tensor SmoothL1Loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, double beta = 1.0)
    {
        CheckSameShape(input, target, nameof(SmoothL1Loss));
        CheckReduction(reduction);
        CheckSmoothL1Beta(beta);
        if (beta == 0)
        {
            // The quadratic branch would divide by zero; PyTorch also falls back to L1 here.
            return L1Loss(input, target, reduction);
        }
        Tensor d = input - target;
        Tensor absolute = d.Abs();
        float beta32 = (float)beta;
        Tensor loss = Tensor.Where(absolute.Lt(beta32), 0.5f * d.Square() / beta32, absolute - 0.5f * beta32);
        return Reduce(loss, reduction);
    }

    internal static void CheckHuberDelta(double delta)
    {
        if (!(delta > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "huber_loss does not support non-positive values for delta.");
        }
    }

    internal static void CheckSmoothL1Beta(double beta)
    {
        if (!(beta >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "smooth_l1_loss does not support negative values for beta.");
        }
    }
}
