namespace Descent.Optim.Tests.Catalogue;

/// <summary>A configuration the constructor must refuse, and the hyperparameter the error must name.</summary>
public sealed record InvalidConfig(string Description, Func<IEnumerable<Parameter>, Optimizer> Create, string ParamName, string ValueText);

/// <summary>
/// One optimizer in the catalogue that drives the battery: how to build it from param groups (hyperparameters
/// come by PyTorch key from the fixture), its PyTorch fixture, valid configurations for the fast-vs-reference
/// and round-trip checks, and invalid ones with the error expected.
/// </summary>
public abstract class OptimizerCase
{
    /// <summary>The optimizer's class name, which is also its fixture's name.</summary>
    public abstract string Name { get; }

    /// <summary>Builds the optimizer over groups with its defaults (groups carry the overrides).</summary>
    public abstract Optimizer Create(IEnumerable<ParamGroup> groups);

    /// <summary>Configurations that together switch on every flag, as PyTorch-keyed overrides.</summary>
    public abstract IReadOnlyList<Dictionary<string, object?>> ValidConfigs { get; }

    /// <summary>Constructor calls PyTorch rejects.</summary>
    public abstract IReadOnlyList<InvalidConfig> InvalidConfigs { get; }

    /// <summary>Whether maximize is a hyperparameter (then the battery checks it climbs).</summary>
    public virtual bool HasMaximize => true;

    /// <summary>
    /// The shape a test parameter takes here: <paramref name="shape"/>, or for an optimizer of matrices only (Muon) a
    /// 1-D shape as one row, so that every theory runs on what the optimizer accepts.
    /// </summary>
    public virtual int[] Shaped(params int[] shape) => shape;

    /// <summary>
    /// The relative and absolute tolerances of the replay against the fixture's parameters and state. An update built
    /// on sums over elements (Prodigy's estimate) rounds them otherwise than PyTorch's float32 <c>dot</c> and <c>sum</c>,
    /// and the estimate feeds back into every later step.
    /// </summary>
    public virtual (double Rel, double Abs) FixtureTolerance => (1e-5, 1e-7);

    /// <summary>A learning rate at which a few steps on a small least-squares problem must reduce the loss.</summary>
    public virtual double DescentLr => 0.01;

    /// <summary>
    /// Whether each param group steps on its own, so that groups equal separate optimizers; Prodigy's groups share
    /// one step-size estimate.
    /// </summary>
    public virtual bool GroupsStepApart => true;

    /// <summary>
    /// Null when PyTorch parity can be checked by replaying the fixture's gradients; otherwise why it cannot. Such an
    /// optimizer skips the replay, fast-vs-reference and param-group theories and checks parity in tests of its own.
    /// </summary>
    public virtual string? NoGradientReplay => null;

    /// <summary>
    /// One step after <paramref name="setGradients"/> has given the parameters gradients. An optimizer that needs a
    /// closure overrides this to step on a loss of its own instead.
    /// </summary>
    public virtual void Step(Optimizer optimizer, IReadOnlyList<Parameter> parameters, Action setGradients)
    {
        setGradients();
        optimizer.Step();
    }

    /// <summary>
    /// The last valid configuration over <paramref name="parameters"/>, with an <c>initial_lr</c> and four steps on
    /// seeded gradients behind it: every state entry and group key it can have is filled.
    /// </summary>
    public Optimizer SteppedWithState(Parameter[] parameters)
    {
        Optimizer opt = Create(parameters, ValidConfigs[^1]);
        opt.ParamGroups[0].InitialLr = 0.123;
        var generator = new Generator(3);
        for (int i = 0; i < 4; i++)
        {
            Step(opt, parameters, () =>
            {
                foreach (Parameter p in parameters)
                {
                    p.Grad = Tensor.Randn([.. p.Shape], generator);
                }
            });
        }
        return opt;
    }

    public Optimizer Create(IEnumerable<Parameter> parameters, IReadOnlyDictionary<string, object?> overrides)
    {
        var group = new ParamGroup(parameters);
        foreach ((string key, object? value) in overrides)
        {
            group[key] = value;
        }
        return Create([group]);
    }

    public override string ToString() => Name;

    /// <summary>Every catalogued optimizer: each concrete subclass in this assembly.</summary>
    public static IReadOnlyList<OptimizerCase> All { get; } = typeof(OptimizerCase).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(OptimizerCase)) && !t.IsAbstract)
        .Select(t => (OptimizerCase)Activator.CreateInstance(t)!)
        .OrderBy(c => c.Name, StringComparer.Ordinal)
        .ToArray();

    public static OptimizerCase Named(string name) => All.Single(c => c.Name == name);
}
