using System.CommandLine;
using Descent.Optim;

namespace Descent.Cli.Arguments;

/// <summary>
/// The optimizer and its hyperparameters: <c>--optimizer adamw --lr 0.01 --weight-decay 0.01 --betas 0.9,0.999</c>.
/// Only the options given are passed on, so every other hyperparameter keeps the optimizer's PyTorch default.
/// </summary>
internal sealed class OptimizerArguments
{
    private readonly (Option Option, string Key, Func<ParseResult, object?> Read)[] _hyper;

    public OptimizerArguments(string defaultOptimizer = "adam")
    {
        Optimizer = new Option<string>("--optimizer")
        {
            Description = $"The optimizer: {string.Join(", ", OptimizerRegistry.Names.Select(n => n.ToLowerInvariant()))}.",
            DefaultValueFactory = _ => defaultOptimizer,
        };
        _hyper =
        [
            Hyper("--lr", "lr", "Learning rate."),
            Hyper("--weight-decay", "weight_decay", "Weight decay (L2 penalty; decoupled for AdamW)."),
            Hyper("--momentum", "momentum", "Momentum factor (SGD, RMSprop)."),
            Hyper("--dampening", "dampening", "Dampening for momentum (SGD)."),
            HyperBetas("--betas", "betas", "Coefficients (β₁,β₂) of the running averages, e.g. 0.9,0.999; AdEMAMix takes three, β₁,β₂,β₃."),
            Hyper("--eps", "eps", "Term added to the denominator for numerical stability."),
            Hyper("--alpha", "alpha", "Smoothing constant (RMSprop), power (ASGD) or weight of the slow average (AdEMAMix)."),
            Hyper("--rho", "rho", "Running-average coefficient (Adadelta)."),
            Hyper("--lr-decay", "lr_decay", "Learning-rate decay (Adagrad)."),
            HyperBool("--amsgrad", "amsgrad", "Use AMSGrad (Adam, AdamW)."),
            HyperBool("--nesterov", "nesterov", "Use Nesterov momentum (SGD)."),
            HyperBool("--centered", "centered", "Centered RMSprop."),
            HyperBool("--maximize", "maximize", "Maximize the objective."),
            Hyper("--warmup-steps", "warmup_steps", "Steps of linear learning-rate warmup (schedulefree_adamw, schedulefree_sgd)."),
            HyperBool("--decouple", "decouple", "Decoupled weight decay (adopt, prodigy)."),
            Hyper("--d-coef", "d_coef", "Factor on the step-size estimate d (prodigy)."),
        ];
    }

    public Option<string> Optimizer { get; }

    /// <summary>With <c>--optimizer muon</c>: Muon for the hidden layers' weights and AdamW for the rest (the default), or Muon alone.</summary>
    public Option<bool?> MuonSplit { get; } = new("--muon-split")
    {
        Description = "With --optimizer muon: give Muon the hidden layers' weights and AdamW the output layer and biases (default true).",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Optimizer);
        command.Options.Add(MuonSplit);
        foreach ((Option option, _, _) in _hyper)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The optimizer's name, checked against the registry.</summary>
    public string Name(ParseResult parse) => CheckName(parse.GetValue(Optimizer)!);

    /// <summary>Sets the learner's optimizer and the hyperparameters given, except <paramref name="excluded"/>.</summary>
    public void ApplyTo(Training.MlpLearner learner, ParseResult parse, params string[] excluded)
    {
        learner.Optimizer = Name(parse);
        if (parse.GetValue(MuonSplit) is bool split)
        {
            learner.MuonSplit = split;
        }
        foreach ((string key, object? value) in ReadExcept(parse, excluded))
        {
            learner.OptimizerOptions[key] = value;
        }
        Check(learner.Optimizer, learner.OptimizerOptions);
    }

    /// <summary>
    /// Builds optimizer <paramref name="name"/> with <paramref name="options"/> on a stand-in parameter, so that a bad
    /// hyperparameter is reported, by its option, before any training starts.
    /// </summary>
    public void Check(string name, IReadOnlyDictionary<string, object?> options)
    {
        try
        {
            // A 1 × 1 matrix, which element-wise and matrix optimizers (that refuse vectors) both accept.
            OptimizerRegistry.Create(name, [new Parameter(Tensor.Zeros(1, 1))], options);
        }
        catch (ArgumentException e)
        {
            string? flag = _hyper.Where(h => h.Key == e.ParamName).Select(h => h.Option.Name).FirstOrDefault();
            throw new ArgumentException(flag is null ? $"--optimizer {name}: {DescentCommand.OneLine(e)}" : $"{flag}: {DescentCommand.OneLine(e)}", e);
        }
    }

    /// <summary>The optimizer names of a comma-separated list.</summary>
    public string[] Names(ParseResult parse) => Lists.Strings(parse.GetValue(Optimizer)!).Select(CheckName).ToArray();

    /// <summary>The hyperparameters given on the command line, by PyTorch key.</summary>
    public Dictionary<string, object?> Read(ParseResult parse) => ReadExcept(parse);

    /// <summary>The hyperparameters given on the command line except <paramref name="excluded"/> (read those as lists).</summary>
    public Dictionary<string, object?> ReadExcept(ParseResult parse, params string[] excluded)
    {
        var options = new Dictionary<string, object?>();
        foreach ((_, string key, Func<ParseResult, object?> read) in _hyper)
        {
            if (!excluded.Contains(key) && read(parse) is { } value)
            {
                options[key] = value;
            }
        }
        return options;
    }

    /// <summary>The raw text of a numeric hyperparameter option (for options that take lists in comparisons).</summary>
    public string? Raw(ParseResult parse, string key) =>
        _hyper.Where(h => h.Key == key).Select(h => h.Option is Option<string?> o ? parse.GetValue(o) : null).FirstOrDefault();

    private static string CheckName(string name) => OptimizerRegistry.Contains(name)
        ? name
        : throw new ArgumentException($"--optimizer: unknown optimizer '{name}' (known: {string.Join(", ", OptimizerRegistry.Names.Select(n => n.ToLowerInvariant()))}).");

    private static (Option, string, Func<ParseResult, object?>) Hyper(string name, string key, string description) =>
        HyperNumbers(name, key, description, values => values is [double v] ? v : null, "one number");

    /// <summary>Two numbers as a pair, or three (AdEMAMix's β₁,β₂,β₃) as a list; the optimizer refuses the count it does not take.</summary>
    private static (Option, string, Func<ParseResult, object?>) HyperBetas(string name, string key, string description) =>
        HyperNumbers(name, key, description, values => values switch
        {
            [double a, double b] => (a, b),
            [_, _, _] => values,
            _ => null,
        }, "two or three numbers separated by commas");

    /// <summary>An option of comma-separated numbers that <paramref name="convert"/> turns into the value (null: the wrong count).</summary>
    private static (Option, string, Func<ParseResult, object?>) HyperNumbers(
        string name, string key, string description, Func<double[], object?> convert, string expected)
    {
        var option = new Option<string?>(name) { Description = description };
        object Parse(string text) => convert(Lists.Doubles(text, name)) ?? throw new ArgumentException($"{name}: expected {expected}, got '{text}'.");
        return (option, key, parse => parse.GetValue(option) is { } text ? Parse(text) : null);
    }

    private static (Option, string, Func<ParseResult, object?>) HyperBool(string name, string key, string description)
    {
        var option = new Option<bool?>(name) { Description = description };
        return (option, key, parse => parse.GetValue(option));
    }
}
