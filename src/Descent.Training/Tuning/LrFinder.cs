using System.Globalization;
using Descent.NN;
using Descent.Optim;

namespace Descent.Training;

/// <summary>
/// The learning-rate range test (Smith 2017; fastai's <c>lr_find</c>, <c>torch-lr-finder</c>): trains a fresh network
/// for up to <see cref="NumIterations"/> batches while the learning rate grows exponentially from
/// <see cref="StartLr"/> to <see cref="EndLr"/>, records the loss of every batch, and suggests a learning rate.
/// </summary>
/// <remarks>
/// <para>
/// Batch i (from 0) is trained with lr_i = StartLr · (EndLr / StartLr)^(i / (NumIterations − 1)), cycling over the
/// task's rows in the learner's batch size and order. The loss is smoothed by an exponential moving average with
/// bias correction, a_i = β·a_(i−1) + (1 − β)·loss_i, smoothed_i = a_i / (1 − β^(i+1)). The test stops after a batch
/// whose smoothed loss exceeds <see cref="DivergenceFactor"/> times the best smoothed loss so far (that batch is kept
/// in the curve), or before recording a loss that is not finite. With the learner's
/// <see cref="MlpLearner.AccumulateBatches"/> above 1, a point is one optimizer step: its mini-batches share the
/// point's learning rate, and its loss is their mean.
/// </para>
/// <para>
/// Suggestion rule (steepest descent, as torch-lr-finder): leave out the first <see cref="SkipStart"/> and the last
/// <see cref="SkipEnd"/> points of the curve, and every point after the lowest smoothed loss; over the rest, take the
/// derivative of the smoothed loss with respect to log10(lr) by central differences (one-sided at the two ends, as
/// <c>numpy.gradient</c>), and suggest the learning rate at its minimum, where the loss falls fastest. Unlike
/// torch-lr-finder, the search stops at the lowest smoothed loss: past it the loss is diverging, and a dip there (a
/// lucky batch after a spike) is noise, not a descent worth following. When fewer than 3 points remain, suggest the
/// learning rate of the lowest smoothed loss divided by 10, no lower than <see cref="StartLr"/> (fastai's
/// <c>minimum</c> rule), and say so in <see cref="LrFinderResult.SuggestionRule"/>.
/// </para>
/// <para>
/// The learner is not touched: the test only reads its settings (architecture, initialization seed, optimizer and its
/// other hyperparameters, batch size, shuffling, standardization, loss) to build a network and optimizer of its own;
/// the learner's <see cref="MlpLearner.Model"/> stays as it was. Callbacks, validation and early stopping are not
/// used.
/// </para>
/// </remarks>
public sealed class LrFinder
{
    /// <summary>The first learning rate.</summary>
    public double StartLr { get; init; } = 1e-7;

    /// <summary>The learning rate reached at the last batch.</summary>
    public double EndLr { get; init; } = 10;

    /// <summary>The number of batches, over several passes of the data if needed.</summary>
    public int NumIterations { get; init; } = 100;

    /// <summary>The smoothing factor β of the moving average.</summary>
    public double Beta { get; init; } = 0.98;

    /// <summary>Stop when the smoothed loss exceeds this multiple of the best smoothed loss.</summary>
    public double DivergenceFactor { get; init; } = 4;

    /// <summary>Points left out at the start of the curve for the suggestion (the smoothed loss still settles there).</summary>
    public int SkipStart { get; init; } = 10;

    /// <summary>Points left out at the end of the curve for the suggestion (where the loss blows up).</summary>
    public int SkipEnd { get; init; } = 5;

    /// <summary>Runs the test for <paramref name="learner"/>'s settings on <paramref name="task"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting of the finder outside its range (the message names it).</exception>
    /// <exception cref="ArgumentException">A task of the wrong kind for the learner, or an invalid learner setting.</exception>
    /// <exception cref="InvalidOperationException">The very first batch's loss is not finite.</exception>
    public LrFinderResult Run(MlpLearner learner, SupervisedTask task)
    {
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(task);
        Validate();
        // The learner is only read; the test builds a network and optimizer of its own.
        int outputs = learner.OutputSize(task);
        if (learner.BatchSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(learner), learner.BatchSize, $"{learner.Id}: BatchSize must be a positive number of rows, got {learner.BatchSize}.");
        }
        ulong seed = SeedSequence.OrRandom(learner.Seed);
        var generator = new Generator(seed);
        Standardization? standardization = learner.Standardize ? Standardization.Fit(task) : null;
        Sequential network = learner.BuildNetwork(task.NFeatures, outputs, generator);
        Optimizer optimizer = learner.CreateOptimizer(network.NamedParameters());
        // With accumulation a point is one optimizer step: the mean loss of its mini-batches at one learning rate.
        int accumulate = learner.AccumulateBatches >= 1 ? learner.AccumulateBatches
            : throw new ArgumentOutOfRangeException(nameof(learner), learner.AccumulateBatches, $"{learner.Id}: AccumulateBatches must be at least 1, got {learner.AccumulateBatches}.");
        if (accumulate > 1)
        {
            optimizer = new MultiSteps(optimizer, accumulate);
        }
        double lossSum = 0;
        var loader = new DataLoader(standardization?.Apply(task) ?? task.Features(), learner.Targets(task), learner.BatchSize, learner.Shuffle, generator);

        if (loader.BatchCount == 0)
        {
            throw new ArgumentException($"LR range test: task '{task.Id}' has no rows.", nameof(task));
        }
        var curve = new List<LrFinderPoint>(NumIterations);
        string? stopReason = null;
        double average = 0;
        double best = double.PositiveInfinity;
        network.Train();
        while (curve.Count < NumIterations && stopReason is null)
        {
            foreach (Batch batch in loader)
            {
                int i = curve.Count;
                double lr = StartLr * Math.Pow(EndLr / StartLr, i / (double)(NumIterations - 1));
                foreach (ParamGroup group in optimizer.ParamGroups)
                {
                    group.Lr = lr;
                }
                optimizer.ZeroGrad();
                Tensor loss = learner.ComputeLoss(network.Forward(batch.X), batch.Y);
                loss.Backward();
                optimizer.Step();
                lossSum += loss.Item();
                if (optimizer is MultiSteps { HasUpdated: false })
                {
                    continue;
                }
                double value = lossSum / accumulate;
                lossSum = 0;
                average = Beta * average + (1 - Beta) * value;
                double smoothed = average / (1 - Math.Pow(Beta, i + 1));
                if (!double.IsFinite(smoothed))
                {
                    stopReason = string.Create(CultureInfo.InvariantCulture, $"the loss became {value} at lr {lr:G4} (batch {i + 1})");
                    break;
                }
                curve.Add(new LrFinderPoint(lr, value, smoothed));
                if (i > 0 && smoothed > DivergenceFactor * best)
                {
                    stopReason = string.Create(CultureInfo.InvariantCulture,
                        $"the smoothed loss {smoothed:G4} exceeded {DivergenceFactor:G3} x the best {best:G4} at lr {lr:G4} (batch {i + 1})");
                    break;
                }
                best = Math.Min(best, smoothed);
                if (curve.Count == NumIterations)
                {
                    break;
                }
            }
        }
        if (curve.Count == 0)
        {
            throw new InvalidOperationException($"LR range test: {stopReason}; check the data and the loss.");
        }
        (int index, LrSuggestionRule rule) = Suggest(curve, SkipStart, SkipEnd);
        double suggested = rule == LrSuggestionRule.SteepestDescent ? curve[index].Lr : Math.Max(curve[index].Lr / 10, StartLr);
        return new LrFinderResult(curve, suggested, index, rule, stopReason, seed);
    }

    /// <summary>
    /// The index of the steepest descent of the smoothed loss against log10(lr) within the curve less its first
    /// <paramref name="skipStart"/> and last <paramref name="skipEnd"/> points and the points after the lowest smoothed
    /// loss; the index of the lowest smoothed loss when fewer than 3 points remain.
    /// </summary>
    internal static (int Index, LrSuggestionRule Rule) Suggest(IReadOnlyList<LrFinderPoint> curve, int skipStart, int skipEnd)
    {
        int lowest = 0;
        for (int i = 1; i < curve.Count; i++)
        {
            lowest = curve[i].SmoothedLoss < curve[lowest].SmoothedLoss ? i : lowest;
        }
        int from = skipStart;
        int to = Math.Min(curve.Count - skipEnd, lowest + 1);
        if (to - from < 3)
        {
            return (lowest, LrSuggestionRule.MinimumOverTen);
        }
        int steepest = from;
        double steepestSlope = double.PositiveInfinity;
        for (int i = from; i < to; i++)
        {
            int a = Math.Max(i - 1, from);
            int b = Math.Min(i + 1, to - 1);
            double slope = (curve[b].SmoothedLoss - curve[a].SmoothedLoss) / (Math.Log10(curve[b].Lr) - Math.Log10(curve[a].Lr));
            if (slope < steepestSlope)
            {
                steepest = i;
                steepestSlope = slope;
            }
        }
        return (steepest, LrSuggestionRule.SteepestDescent);
    }

    private void Validate()
    {
        if (!(StartLr > 0 && double.IsFinite(StartLr)))
        {
            throw new ArgumentOutOfRangeException(nameof(StartLr), StartLr, $"StartLr must be a positive number, got {Format(StartLr)}.");
        }
        if (!(EndLr > StartLr && double.IsFinite(EndLr)))
        {
            throw new ArgumentOutOfRangeException(nameof(EndLr), EndLr, $"EndLr must be finite and above StartLr ({Format(StartLr)}), got {Format(EndLr)}.");
        }
        if (NumIterations < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(NumIterations), NumIterations, $"NumIterations must be at least 2, got {NumIterations}.");
        }
        if (!(Beta >= 0 && Beta < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Beta), Beta, $"Beta must be in [0, 1), got {Format(Beta)}.");
        }
        if (!(DivergenceFactor > 1))
        {
            throw new ArgumentOutOfRangeException(nameof(DivergenceFactor), DivergenceFactor, $"DivergenceFactor must be above 1, got {Format(DivergenceFactor)}.");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(SkipStart);
        ArgumentOutOfRangeException.ThrowIfNegative(SkipEnd);
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
