namespace Descent.Optim.Tests.Schedulers;

/// <summary>A constructor call PyTorch rejects, and the argument the error must name.</summary>
public sealed record InvalidSchedulerConfig(string Description, Func<Optimizer, LRScheduler> Create, string ParamName);

/// <summary>
/// One scheduler in the catalogue: how to build it from a fixture's PyTorch-keyed options, how to step it
/// (ReduceLROnPlateau takes a metric), and the configurations it must refuse.
/// </summary>
public abstract class SchedulerCase
{
    /// <summary>The class name, which is also the fixture's name.</summary>
    public abstract string Name { get; }

    /// <summary>Builds the scheduler on <paramref name="optimizer"/> from PyTorch-keyed options.</summary>
    public abstract LRScheduler Create(Optimizer optimizer, IReadOnlyDictionary<string, object?> options);

    /// <summary>Invalid constructions; each must throw an <see cref="ArgumentException"/> (or subclass) naming the argument.</summary>
    public abstract IReadOnlyList<InvalidSchedulerConfig> InvalidConfigs { get; }

    /// <summary>Advances the schedule by one step; <paramref name="metric"/> is the fixture's value for that step, if any.</summary>
    public virtual void Step(LRScheduler scheduler, double? metric) => scheduler.Step();

    public override string ToString() => Name;

    public static IReadOnlyList<SchedulerCase> All { get; } = typeof(SchedulerCase).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(SchedulerCase)) && !t.IsAbstract)
        .Select(t => (SchedulerCase)Activator.CreateInstance(t)!)
        .OrderBy(c => c.Name, StringComparer.Ordinal)
        .ToArray();

    public static SchedulerCase Named(string name) => All.Single(c => c.Name == name);

    protected static double D(IReadOnlyDictionary<string, object?> o, string key, double fallback) =>
        o.TryGetValue(key, out object? v) && v is not null ? Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;

    protected static int I(IReadOnlyDictionary<string, object?> o, string key, int fallback) => (int)D(o, key, fallback);

    protected static Optimizer AnyOptimizer() => new SGD([new Parameter(Tensor.Zeros(1))], lr: 0.1, momentum: 0.9);
}
