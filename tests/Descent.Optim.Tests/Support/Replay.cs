using Descent.Optim.Tests.Catalogue;

namespace Descent.Optim.Tests.Support;

/// <summary>Builds a fixture case's optimizer in Descent and feeds it PyTorch's gradients step by step.</summary>
internal sealed class Replay
{
    private readonly FixtureCase _case;

    public Replay(OptimizerCase optimizer, FixtureCase fixtureCase)
    {
        _case = fixtureCase;
        Params = fixtureCase.Initial.Select(t => new Parameter(t.ToTensor())).ToArray();
        IEnumerable<ParamGroup> groups = fixtureCase.Groups is null
            ? [Group(Params, fixtureCase.Options, [])]
            : fixtureCase.Groups.Select(g => Group(g.Params.Select(i => Params[i]), fixtureCase.Options, g.Overrides)).ToArray();
        Optimizer = optimizer.Create(groups);
    }

    public Parameter[] Params { get; }

    public Optimizer Optimizer { get; }

    /// <summary>Runs step <paramref name="step"/> (1-based) with the gradients PyTorch had at that step.</summary>
    public void Step(int step)
    {
        FixtureTensor?[] grads = _case.Grads[step - 1];
        for (int i = 0; i < Params.Length; i++)
        {
            Params[i].Grad = grads[i]?.ToTensor();
        }
        Optimizer.Step();
    }

    private static ParamGroup Group(IEnumerable<Parameter> parameters, Dictionary<string, object?> options, Dictionary<string, object?> overrides)
    {
        var group = new ParamGroup(parameters);
        foreach ((string key, object? value) in options.Concat(overrides))
        {
            group[key] = value;
        }
        return group;
    }
}
