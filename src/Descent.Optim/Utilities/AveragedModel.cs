namespace Descent.Optim;

/// <summary>Combines an averaged value and a current value into the new average: (averaged, current, number of values averaged so far) → new average.</summary>
public delegate float AveragingFunction(float averaged, float current, int numAveraged);

/// <summary>
/// Running averages of a model's parameters, as <c>torch.optim.swa_utils.AveragedModel</c>: stochastic weight
/// averaging (an equal-weight mean of every update) or an exponential moving average. It keeps its own copies;
/// <see cref="CopyTo"/> writes the averages into a model's parameters for evaluation.
/// </summary>
/// <remarks>
/// The first <see cref="UpdateParameters"/> copies the current values; each later one applies the averaging
/// function element-wise: SWA a ← a + (x − a)/(n + 1), EMA a ← a + (1 − decay)(x − a).
/// </remarks>
public sealed class AveragedModel
{
    private readonly AveragingFunction _average;

    /// <summary>Averages copies of <paramref name="parameters"/> with <paramref name="average"/> (SWA's equal-weight mean by default).</summary>
    public AveragedModel(IEnumerable<Parameter> parameters, AveragingFunction? average = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters.Select(p => new Parameter(Tensor.FromArray(p.ToArray(), [.. p.Shape]), requiresGrad: false)).ToArray();
        _average = average ?? Swa;
    }

    /// <summary>An equal-weight running mean of every update (stochastic weight averaging).</summary>
    public static AveragedModel StochasticWeightAveraging(IEnumerable<Parameter> parameters) => new(parameters, Swa);

    /// <summary>An exponential moving average with weight <paramref name="decay"/> on the past.</summary>
    public static AveragedModel ExponentialMovingAverage(IEnumerable<Parameter> parameters, double decay = 0.999)
    {
        Throw.OutOfRangeIf(!(decay >= 0 && decay <= 1), nameof(decay), decay, $"Invalid decay: {Check.Format(decay)} (decay must be in [0, 1]).");
        float w = (float)(1 - decay);
        return new AveragedModel(parameters, (a, x, _) => a + w * (x - a));
    }

    /// <summary>The averaged values, one per source parameter, in order.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>How many updates have been averaged (PyTorch's <c>n_averaged</c>).</summary>
    public int NumAveraged { get; private set; }

    /// <summary>Folds the current values of <paramref name="current"/> (same count and shapes as the source) into the averages.</summary>
    public void UpdateParameters(IEnumerable<Parameter> current)
    {
        Parameter[] sources = Match(current, nameof(current));
        using (Autograd.NoGrad())
        {
            for (int i = 0; i < sources.Length; i++)
            {
                Span<float> averaged = Parameters[i].AsSpan();
                ReadOnlySpan<float> values = sources[i].AsReadOnlySpan();
                if (NumAveraged == 0)
                {
                    values.CopyTo(averaged);
                    continue;
                }
                for (int k = 0; k < averaged.Length; k++)
                {
                    averaged[k] = _average(averaged[k], values[k], NumAveraged);
                }
            }
        }
        NumAveraged++;
    }

    /// <summary>Writes the averaged values into <paramref name="target"/>, for example to evaluate the averaged model.</summary>
    public void CopyTo(IEnumerable<Parameter> target)
    {
        Parameter[] targets = Match(target, nameof(target));
        using (Autograd.NoGrad())
        {
            for (int i = 0; i < targets.Length; i++)
            {
                Parameters[i].AsReadOnlySpan().CopyTo(targets[i].AsSpan());
            }
        }
    }

    private static float Swa(float averaged, float current, int n) => averaged + (current - averaged) / (n + 1);

    private Parameter[] Match(IEnumerable<Parameter> parameters, string name)
    {
        ArgumentNullException.ThrowIfNull(parameters, name);
        Parameter[] list = parameters.ToArray();
        Throw.ArgumentIf(list.Length != Parameters.Count, $"AveragedModel holds {Parameters.Count} parameters, got {list.Length}.", name);
        for (int i = 0; i < list.Length; i++)
        {
            if (!list[i].Shape.SequenceEqual(Parameters[i].Shape))
            {
                throw new ArgumentException(
                    $"Parameter {i} has shape [{string.Join(",", list[i].Shape)}], but the average has shape [{string.Join(",", Parameters[i].Shape)}].", name);
            }
        }
        return list;
    }
}
