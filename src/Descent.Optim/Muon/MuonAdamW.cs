using System.Runtime.CompilerServices;
using Descent.Kernels;

namespace Descent.Optim;

/// <summary>
/// Muon for the hidden layers' 2-D weights and AdamW for everything else, in one optimizer with one state dict: the
/// split the Muon authors prescribe (Keller Jordan's <c>MuonWithAuxAdam</c>). Each group says which it is by
/// <c>use_muon</c>; <see cref="Split"/> builds the groups from a network's parameters.
/// </summary>
/// <remarks>
/// Muon's groups step exactly as <see cref="Muon"/>, the others exactly as <see cref="AdamW"/> with this group's lr,
/// weight decay, betas and <c>adam_eps</c>.
/// </remarks>
public sealed class MuonAdamW : Optimizer<MuonAdamWOptions, MuonAdamWState>
{
    private readonly MuonUpdate _muon = new();
    private readonly ConditionalWeakTable<MuonAdamWOptions, AdamOptions> _adamW = [];

    /// <summary>Creates the optimizer over param groups; a group with <c>use_muon</c> must hold only 2-D parameters.</summary>
    /// <exception cref="ArgumentException">A parameter of a Muon group that is not 2-D.</exception>
    public MuonAdamW(IEnumerable<ParamGroup> groups)
        : base(groups, new MuonAdamWOptions())
    {
        foreach (ParamGroup group in ParamGroups.Where(g => ((MuonAdamWOptions)g.Options).UseMuon))
        {
            foreach (Parameter p in group.Params)
            {
                MuonUpdate.CheckMatrix(p);
            }
        }
    }

    /// <summary>
    /// Builds the optimizer over a network's parameters in layer order (as <c>Module.Parameters()</c> lists them):
    /// the 2-D weights but the last, the output layer, go to Muon; the output layer, biases and every other parameter go
    /// to AdamW. <paramref name="options"/> (PyTorch keys) apply to both groups.
    /// </summary>
    public static MuonAdamW Split(IEnumerable<Parameter> parameters, IReadOnlyDictionary<string, object?>? options = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameter[] all = parameters.ToArray();
        Parameter? head = all.LastOrDefault(p => p.Rank == 2);
        Parameter[] hidden = all.Where(p => p.Rank == 2 && !ReferenceEquals(p, head)).ToArray();
        Parameter[] rest = all.Where(p => !hidden.Contains(p)).ToArray();
        var groups = new List<ParamGroup>();
        foreach ((Parameter[] ps, bool useMuon) in new[] { (hidden, true), (rest, false) })
        {
            if (ps.Length == 0)
            {
                continue;
            }
            var group = new ParamGroup(ps);
            foreach ((string key, object? value) in options ?? new Dictionary<string, object?>())
            {
                group[key] = value;
            }
            group["use_muon"] = useMuon;
            groups.Add(group);
        }
        return new MuonAdamW(groups.Count == 0 ? [new ParamGroup(all)] : groups);
    }

    /// <inheritdoc/>
    protected override MuonAdamWState CreateState(Parameter parameter, MuonAdamWOptions options) => options.UseMuon
        ? new MuonAdamWState { MomentumBuffer = Tensor.ZerosLike(parameter) }
        : new MuonAdamWState { Step = 0, ExpAvg = Tensor.ZerosLike(parameter), ExpAvgSq = Tensor.ZerosLike(parameter) };

    /// <inheritdoc/>
    protected override void Update(Parameter parameter, Tensor grad, MuonAdamWOptions o, MuonAdamWState state)
    {
        if (o.UseMuon)
        {
            state.MomentumBuffer ??= Tensor.ZerosLike(parameter);
            _muon.Run(parameter, grad, o, state.MomentumBuffer, new UpdatePath(UseReference, MaxDegreeOfParallelism));
            return;
        }
        state.ExpAvg ??= Tensor.ZerosLike(parameter);
        state.ExpAvgSq ??= Tensor.ZerosLike(parameter);
        state.Step = (state.Step ?? 0) + 1;
        Run(new AdamOperator(_adamW.GetValue(o, static options => options.ToAdamW()), state.Step.Value), parameter, grad, state.ExpAvg, state.ExpAvgSq);
    }
}
