using System.CommandLine;
using Descent.Training;

namespace Descent.Cli.Arguments;

/// <summary>The learner's settings: network, batches, epochs, seed, validation and measures.</summary>
internal sealed class LearnerArguments
{
    public Option<int> Epochs { get; } = new("--epochs") { Description = "Passes over the training data.", DefaultValueFactory = _ => 10 };

    public Option<int> BatchSize { get; } = new("--batch-size") { Description = "Rows per mini-batch.", DefaultValueFactory = _ => 32 };

    public Option<string> Neurons { get; } = new("--neurons") { Description = "Hidden layer sizes, e.g. 100 or 64,32 (0 for none).", DefaultValueFactory = _ => "100" };

    public Option<int> Layers { get; } = new("--layers") { Description = "Hidden layers when --neurons gives one size.", DefaultValueFactory = _ => 1 };

    public Option<double> Dropout { get; } = new("--dropout") { Description = "Dropout probability after each hidden layer.", DefaultValueFactory = _ => 0.1 };

    public Option<string> Activation { get; } = new("--activation") { Description = "relu, tanh, sigmoid, gelu, leakyrelu or elu.", DefaultValueFactory = _ => "relu" };

    public Option<int> AccumulateBatches { get; } = new("--accumulate-batches")
    {
        Description = "Mini-batches whose mean gradient makes one optimizer step (gradient accumulation).",
        DefaultValueFactory = _ => 1,
    };

    public Option<ulong> Seed { get; } = new("--seed") { Description = "Seed of every random choice.", DefaultValueFactory = _ => 1UL };

    public Option<double?> Validation { get; } = new("--validation") { Description = "Fraction of rows held out for validation, e.g. 0.2." };

    public Option<bool> Standardize { get; } = new("--standardize") { Description = "Standardize features on the training rows." };

    public Option<string?> Measures { get; } = new("--measures")
    {
        Description = "Measures per epoch, e.g. logloss,acc,auc (default: logloss,acc for classification, mse,rmse for regression).",
    };

    public void AddTo(Command command)
    {
        foreach (Option o in new Option[] { Epochs, BatchSize, AccumulateBatches, Neurons, Layers, Dropout, Activation, Seed, Validation, Standardize, Measures })
        {
            command.Options.Add(o);
        }
    }

    /// <summary>A learner for <paramref name="task"/> with these settings (optimizer and callbacks are set by the caller).</summary>
    public MlpLearner Create(ParseResult parse, SupervisedTask task)
    {
        int[] neurons = Lists.Ints(parse.GetValue(Neurons)!, "--neurons");
        if (neurons is [0])
        {
            neurons = [];
        }
        MlpLearner learner = task is ClassificationTask ? new MlpClassifier { PredictType = PredictType.Prob } : new MlpRegressor();
        learner.Neurons = neurons;
        learner.NLayers = Positive(parse.GetValue(Layers), "--layers");
        learner.P = parse.GetValue(Dropout) is var p && p >= 0 && p < 1 ? p : throw new ArgumentException($"--dropout must be in [0, 1), got {p}.");
        learner.Epochs = Positive(parse.GetValue(Epochs), "--epochs");
        learner.BatchSize = Positive(parse.GetValue(BatchSize), "--batch-size");
        learner.AccumulateBatches = Positive(parse.GetValue(AccumulateBatches), "--accumulate-batches");
        learner.Seed = parse.GetValue(Seed);
        learner.ValidationRatio = parse.GetValue(Validation) is not double v || (v > 0 && v < 1) ? parse.GetValue(Validation)
            : throw new ArgumentException($"--validation must be a fraction in (0, 1), got {v}.");
        learner.Standardize = parse.GetValue(Standardize);
        learner.Activation = parse.GetValue(Activation)!.ToLowerInvariant() switch
        {
            "relu" => Training.Activation.ReLU,
            "tanh" => Training.Activation.Tanh,
            "sigmoid" => Training.Activation.Sigmoid,
            "gelu" => Training.Activation.GELU,
            "leakyrelu" or "leaky-relu" => Training.Activation.LeakyReLU,
            "elu" => Training.Activation.ELU,
            string other => throw new ArgumentException($"--activation: unknown activation '{other}' (relu, tanh, sigmoid, gelu, leakyrelu, elu)."),
        };
        Measure[] measures = MeasureList(parse, task);
        learner.MeasuresTrain.AddRange(measures);
        if (learner.ValidationRatio is not null)
        {
            learner.MeasuresValid.AddRange(measures);
        }
        return learner;
    }

    public Measure[] MeasureList(ParseResult parse, SupervisedTask task) =>
        MeasureList(parse.GetValue(Measures), task is ClassificationTask);

    /// <summary>The measures named in a <c>--measures</c> value, or the defaults of a classification or regression task.</summary>
    public static Measure[] MeasureList(string? measures, bool classification)
    {
        string text = measures ?? (classification ? "logloss,acc" : "mse,rmse");
        return Lists.Strings(text).Select(id =>
        {
            try
            {
                return Training.Measures.Get(id);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"--measures: {DescentCommand.OneLine(e)}", e);
            }
        }).ToArray();
    }

    private static int Positive(int value, string option) =>
        value > 0 ? value : throw new ArgumentException($"{option} must be a positive number, got {value}.");
}
