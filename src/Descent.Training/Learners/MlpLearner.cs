using Descent.NN;
using Descent.Optim;

namespace Descent.Training;

/// <summary>
/// A multi-layer perceptron learner, as mlr3torch's <c>classif.mlp</c> / <c>regr.mlp</c>: the network
/// <c>[Linear, activation, Dropout] × k + Linear</c> trained by mini-batch optimization with callbacks and
/// per-epoch measures. Settings are properties; <see cref="Train"/> fits a <see cref="Model"/>.
/// </summary>
public abstract partial class MlpLearner
{
    /// <summary>The learner's id (<c>classif.mlp</c> or <c>regr.mlp</c>).</summary>
    public abstract string Id { get; }

    /// <summary>Sizes of the hidden layers; empty (the default, as mlr3torch) means a linear model.</summary>
    public IReadOnlyList<int> Neurons { get; set; } = [];

    /// <summary>The number of hidden layers when <see cref="Neurons"/> holds one size to repeat; ignored otherwise.</summary>
    public int NLayers { get; set; } = 1;

    /// <summary>The activation after each hidden linear layer.</summary>
    public Activation Activation { get; set; } = Activation.ReLU;

    /// <summary>The dropout probability after each activation.</summary>
    public double P { get; set; } = 0.1;

    /// <summary>Rows per mini-batch.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>
    /// Mini-batches whose mean gradient makes one optimizer step (gradient accumulation through
    /// <see cref="MultiSteps"/>); 1, the default, steps on every batch. With a mean loss, k batches of b rows step as
    /// one batch of k·b rows would, holding only b rows at a time. The accumulation runs on across epoch ends.
    /// </summary>
    public int AccumulateBatches { get; set; } = 1;

    /// <summary>Passes over the training data.</summary>
    public int Epochs { get; set; } = 10;

    /// <summary>The optimizer by PyTorch name (see <see cref="OptimizerRegistry"/>); Adam by default, as mlr3torch.</summary>
    public string Optimizer { get; set; } = "adam";

    /// <summary>The optimizer's hyperparameters by PyTorch key, e.g. <c>{ ["lr"] = 0.01 }</c>.</summary>
    public Dictionary<string, object?> OptimizerOptions { get; set; } = [];

    /// <summary>
    /// With the Muon optimizer, whether to give Muon only the hidden layers' weight matrices and AdamW the rest (the
    /// output layer and every bias), as the Muon authors prescribe (<see cref="MuonAdamW.Split"/>); on by default, since
    /// Muon alone refuses biases.
    /// </summary>
    public bool MuonSplit { get; set; } = true;

    /// <summary>The loss; cross-entropy for classification and MSE for regression when null.</summary>
    public Loss? Loss { get; set; }

    /// <summary>
    /// Callbacks, run in this order after the learner's own (history, early stopping), with <see cref="Checkpoint"/>s
    /// last. A <see cref="History"/> among them serves as the run's history.
    /// </summary>
    public List<Callback> Callbacks { get; set; } = [];

    /// <summary>Measures scored on the training batches of every epoch.</summary>
    public List<Measure> MeasuresTrain { get; set; } = [];

    /// <summary>Measures scored on the validation data after every epoch.</summary>
    public List<Measure> MeasuresValid { get; set; } = [];

    /// <summary>A fraction of the training rows (in (0, 1)) held out for validation.</summary>
    public double? ValidationRatio { get; set; }

    /// <summary>A separate task to validate on; takes precedence over <see cref="ValidationRatio"/>.</summary>
    public SupervisedTask? ValidationTask { get; set; }

    /// <summary>Stop after this many epochs without improvement of the first validation measure; 0 turns early stopping off.</summary>
    public int Patience { get; set; }

    /// <summary>The improvement that counts for early stopping.</summary>
    public double MinDelta { get; set; }

    /// <summary>With early stopping, restore the weights of the best epoch at the end.</summary>
    public bool RestoreBestWeights { get; set; }

    /// <summary>The seed of every random choice (initialization, validation split, shuffling, dropout); null draws one.</summary>
    public ulong? Seed { get; set; }

    /// <summary>Whether batches are drawn in a new random order each epoch.</summary>
    public bool Shuffle { get; set; } = true;

    /// <summary>Standardize features with means and deviations fitted on the training rows (off by default, as mlr3torch).</summary>
    public bool Standardize { get; set; }

    /// <summary>The model fitted by the last <see cref="Train"/>, or null before.</summary>
    public TrainedModel? Model { get; private set; }

    /// <summary>Fits the learner to <paramref name="task"/>.</summary>
    /// <exception cref="ArgumentException">The task is of the wrong kind, or a setting is invalid (the message names it).</exception>
    public TrainedModel Train(SupervisedTask task) => Model = new TrainingRun(this, task).Run();

    /// <summary>
    /// Continues a run from a checkpoint written by a <see cref="Checkpoint"/> callback: the network, optimizer,
    /// random generator, epoch and step counters and callback states are restored, and training goes on until
    /// <see cref="Epochs"/>. With the same settings and task, the result equals the uninterrupted run bit-for-bit.
    /// The checkpoint's seed is used, whatever <see cref="Seed"/> says.
    /// </summary>
    /// <exception cref="Descent.IO.TensorFileException">The checkpoint is malformed or does not fit these settings.</exception>
    public TrainedModel Resume(SupervisedTask task, string checkpointPath) =>
        Model = new TrainingRun(this, task, checkpointPath).Run();

    /// <summary>Predicts the rows of <paramref name="task"/> with the trained model.</summary>
    /// <exception cref="InvalidOperationException">The learner has not been trained.</exception>
    public abstract Prediction Predict(SupervisedTask task);

    /// <summary>
    /// The trained model's prediction for the rows of <paramref name="task"/> in the form every measure can score
    /// (with class probabilities whatever the classifier's <c>PredictType</c>), as resampling needs it.
    /// </summary>
    internal Prediction PredictForScoring(SupervisedTask task) => MakePrediction(task, Forward(task), forScoring: true);

    /// <summary>Checks the task's kind and returns the network's output size.</summary>
    internal abstract int OutputSize(SupervisedTask task);

    /// <summary>The training targets of <paramref name="task"/> in the form the loss takes.</summary>
    internal abstract Tensor Targets(SupervisedTask task);

    /// <summary>The loss of outputs against targets.</summary>
    internal abstract Tensor ComputeLoss(Tensor output, Tensor target);

    /// <summary>Builds a prediction from raw network outputs (row-major) for the given task rows.</summary>
    internal abstract Prediction MakePrediction(SupervisedTask task, float[] outputs, bool forScoring, IReadOnlyList<int>? rows = null);

    /// <summary>The network's outputs for every row of <paramref name="task"/>, in evaluation mode, without recording.</summary>
    private protected float[] Forward(SupervisedTask task)
    {
        TrainedModel model = Model ?? throw new InvalidOperationException($"{Id}: the learner has not been trained; call Train first.");
        return Forward(model.Network, model.Standardization, task);
    }

    internal float[] Forward(Module network, Standardization? standardization, SupervisedTask task)
    {
        if (task.NFeatures != FeatureCount(network))
        {
            throw new ArgumentException($"{Id}: the task '{task.Id}' has {task.NFeatures} features, but the model was trained on {FeatureCount(network)}.");
        }
        bool wasTraining = network.IsTraining;
        network.Eval();
        try
        {
            using (Autograd.NoGrad())
            {
                Tensor x = standardization?.Apply(task) ?? task.Features();
                var outputs = new List<float>();
                foreach (Batch batch in new DataLoader(x, x, Math.Max(BatchSize, 256)))
                {
                    outputs.AddRange(network.Forward(batch.X).ToArray());
                }
                return [.. outputs];
            }
        }
        finally
        {
            network.Train(wasTraining);
        }
    }

    /// <summary>Builds the network for <paramref name="inputs"/> features and <paramref name="outputs"/> outputs.</summary>
    internal Sequential BuildNetwork(int inputs, int outputs, Generator generator)
    {
        if (Neurons.Any(n => n <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(Neurons), $"{Id}: neurons must be positive, got [{string.Join(", ", Neurons)}].");
        }
        if (NLayers < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(NLayers), NLayers, $"{Id}: NLayers must be at least 1.");
        }
        if (!(P >= 0 && P < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(P), P, $"{Id}: dropout probability P must be in [0, 1), got {P}.");
        }
        int[] hidden = Neurons.Count == 1 ? Enumerable.Repeat(Neurons[0], NLayers).ToArray() : [.. Neurons];
        var network = new Sequential();
        int width = inputs;
        foreach (int n in hidden)
        {
            network.Add(new Linear(width, n, generator: generator));
            network.Add(ActivationModule(Activation));
            network.Add(new Dropout(P, generator));
            width = n;
        }
        network.Add(new Linear(width, outputs, generator: generator));
        return network;
    }

    /// <summary>The module of an activation with PyTorch's default parameters.</summary>
    internal static Module ActivationModule(Activation activation) => activation switch
    {
        Activation.ReLU => new ReLU(),
        Activation.Tanh => new Tanh(),
        Activation.Sigmoid => new Sigmoid(),
        Activation.GELU => new GELU(),
        Activation.LeakyReLU => new LeakyReLU(),
        Activation.ELU => new ELU(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
    };

    private static int FeatureCount(Module network) => network.Modules().OfType<Linear>().First().InFeatures;
}
