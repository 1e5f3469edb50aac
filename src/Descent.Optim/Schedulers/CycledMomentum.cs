using Descent.Optim.Codec;

namespace Descent.Optim.Schedulers;

/// <summary>
/// The momentum that <see cref="CyclicLR"/> and <see cref="OneCycleLR"/> cycle inversely to the learning rate: the
/// group's <c>momentum</c>, or β₁ of <c>betas</c> for the Adam family, as current PyTorch chooses by the defaults.
/// </summary>
internal static class CycledMomentum
{
    /// <summary>Whether the cycled value is β₁; throws, as PyTorch, where the optimizer has neither.</summary>
    /// <exception cref="ArgumentException">The optimizer has neither <c>momentum</c> nor <c>betas</c>.</exception>
    public static bool UsesBeta1(Optimizer optimizer, string paramName)
    {
        Type options = optimizer.Defaults.GetType();
        bool betas = StateCodec.HasKey(options, "betas");
        Throw.ArgumentIf(!betas && !StateCodec.HasKey(options, "momentum"),
            $"optimizer must support momentum or beta1 with `cycle_momentum` option enabled ({optimizer.GetType().Name} has neither).", paramName);
        return betas;
    }

    /// <summary>Writes the momentum (or β₁, keeping β₂) of <paramref name="group"/>.</summary>
    public static void Set(ParamGroup group, bool useBeta1, double momentum)
    {
        if (useBeta1)
        {
            var (_, beta2) = ((double, double))group["betas"]!;
            group["betas"] = (momentum, beta2);
        }
        else
        {
            group["momentum"] = momentum;
        }
    }

    /// <summary>Starts a cycle as PyTorch does: momenta at their maximum, <c>max_momentum</c> and <c>base_momentum</c> kept in the group.</summary>
    public static void Start(Optimizer optimizer, bool useBeta1, double[] baseMomentums, double[] maxMomentums)
    {
        for (int i = 0; i < maxMomentums.Length; i++)
        {
            ParamGroup group = optimizer.ParamGroups[i];
            Set(group, useBeta1, maxMomentums[i]);
            group["max_momentum"] = maxMomentums[i];
            group["base_momentum"] = baseMomentums[i];
        }
    }
}
