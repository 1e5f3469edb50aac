using System.CommandLine;
using Descent.Optim;
using Descent.Optim.Schedulers;

namespace Descent.Cli.Arguments;

/// <summary>
/// A learning-rate scheduler by name with its options: <c>--scheduler cosine --eta-min 1e-4</c>,
/// <c>--scheduler onecycle --max-lr 0.05</c>, <c>--scheduler step --step-size 10 --gamma 0.5</c>.
/// </summary>
internal sealed class SchedulerArguments
{
    public static readonly string[] Known = [.. SchedulerCatalog.Names];

    public Option<string> Scheduler { get; } = new("--scheduler")
    {
        Description = $"Learning-rate schedule: {string.Join(", ", Known)}.",
        DefaultValueFactory = _ => "none",
    };

    public Option<int?> StepSize { get; } = new("--step-size") { Description = "step: steps between decays; cyclic: steps up (half a cycle)." };

    public Option<double?> Gamma { get; } = new("--gamma") { Description = "step, multistep, exponential: decay factor." };

    public Option<string?> Milestones { get; } = new("--milestones") { Description = "multistep: steps at which to decay, e.g. 10,20." };

    public Option<double?> EtaMin { get; } = new("--eta-min") { Description = "cosine, cosine-restarts, warmup-cosine: the final learning rate." };

    public Option<double?> MaxLr { get; } = new("--max-lr") { Description = "onecycle, cyclic: the peak learning rate." };

    public Option<double?> PctStart { get; } = new("--pct-start") { Description = "onecycle: fraction of the steps spent rising." };

    public Option<int?> Warmup { get; } = new("--warmup") { Description = "warmup-cosine, linear: number of warm-up steps." };

    public Option<int?> Period { get; } = new("--period") { Description = "cosine-restarts: steps of the first cycle (t0); cosine: t_max (default: all steps)." };

    public Option<double?> Factor { get; } = new("--factor") { Description = "constant, plateau: the factor applied." };

    public Option<string> Every { get; } = new("--schedule-per")
    {
        Description = "Step the schedule every 'epoch' or every 'batch' (default: batch for onecycle and cyclic, epoch otherwise).",
        DefaultValueFactory = _ => "",
    };

    public void AddTo(Command command)
    {
        foreach (Option o in new Option[] { Scheduler, StepSize, Gamma, Milestones, EtaMin, MaxLr, PctStart, Warmup, Period, Factor, Every })
        {
            command.Options.Add(o);
        }
    }

    public string Name(ParseResult parse)
    {
        string name = parse.GetValue(Scheduler)!.ToLowerInvariant();
        return Known.Contains(name)
            ? name
            : throw new ArgumentException($"--scheduler: unknown schedule '{name}' (known: {string.Join(", ", Known)}).");
    }

    /// <summary>The schedule as given on the command line, e.g. <c>cosine --eta-min 0.001</c> (options left out keep their defaults).</summary>
    public string Describe(ParseResult parse)
    {
        var words = new List<string> { Name(parse) };
        foreach (Option o in new Option[] { StepSize, Gamma, Milestones, EtaMin, MaxLr, PctStart, Warmup, Period, Factor, Every })
        {
            if (parse.GetResult(o) is { Implicit: false } given)
            {
                words.Add($"{o.Name} {string.Join(",", given.Tokens.Select(t => t.Value))}");
            }
        }
        return string.Join(' ', words);
    }

    /// <summary>Whether the schedule steps per batch (true) or per epoch.</summary>
    public bool PerBatch(ParseResult parse)
    {
        string every = parse.GetValue(Every)!;
        return every switch
        {
            "" => Name(parse) is "onecycle" or "cyclic",
            "batch" => true,
            "epoch" => false,
            _ => throw new ArgumentException($"--schedule-per: expected 'epoch' or 'batch', got '{every}'."),
        };
    }

    /// <summary>
    /// The scheduler factory for a run of <paramref name="totalSteps"/> schedule steps, or null for <c>none</c>.
    /// Constructing it once here reports bad options before any training starts.
    /// </summary>
    public Func<Optimizer, LRScheduler>? Build(ParseResult parse, int totalSteps)
    {
        string name = Name(parse);
        if (name == "none")
        {
            return null;
        }
        var settings = new SchedulerSettings
        {
            StepSize = parse.GetValue(StepSize),
            Gamma = parse.GetValue(Gamma),
            Milestones = parse.GetValue(Milestones) is { } m ? Lists.Ints(m, "--milestones") : null,
            EtaMin = parse.GetValue(EtaMin),
            MaxLr = parse.GetValue(MaxLr),
            PctStart = parse.GetValue(PctStart),
            Warmup = parse.GetValue(Warmup),
            Period = parse.GetValue(Period),
            Factor = parse.GetValue(Factor),
        };
        Func<Optimizer, LRScheduler> create = SchedulerCatalog.Create(name, settings, totalSteps)!;
        Validate(name, create);
        return create;
    }

    // The schedulers' own checks name their constructor parameters; the user typed options.
    private static readonly Dictionary<string, string> s_flags = new()
    {
        ["stepSize"] = "--step-size", ["stepSizeUp"] = "--step-size", ["gamma"] = "--gamma", ["milestones"] = "--milestones",
        ["etaMin"] = "--eta-min", ["eta_min"] = "--eta-min", ["maxLr"] = "--max-lr", ["pctStart"] = "--pct-start",
        ["totalIters"] = "--warmup", ["warmupSteps"] = "--warmup", ["tMax"] = "--period", ["T_max"] = "--period", ["t0"] = "--period",
        ["T_0"] = "--period", ["factor"] = "--factor", ["patience"] = "--step-size",
    };

    /// <summary>Builds the schedule once on a stand-in optimizer, so that bad options are reported before training, by option name.</summary>
    private static void Validate(string name, Func<Optimizer, LRScheduler> create)
    {
        var stand = new SGD([new Parameter(Tensor.Zeros(1))], lr: 0.1, momentum: 0.9);
        try
        {
            create(stand);
        }
        catch (ArgumentException e)
        {
            string message = DescentCommand.OneLine(e);
            if (e.ParamName is { } param && s_flags.TryGetValue(param, out string? flag))
            {
                message = message.Replace(param, flag, StringComparison.Ordinal);
                if (!message.Contains(flag, StringComparison.Ordinal))
                {
                    message = $"{flag}: {message}";
                }
            }
            throw new ArgumentException($"--scheduler {name}: {message}", e);
        }
    }
}
