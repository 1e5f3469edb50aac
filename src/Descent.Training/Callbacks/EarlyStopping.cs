using System.Globalization;

namespace Descent.Training;

/// <summary>
/// Stops training when the first validation measure has not improved by more than <see cref="MinDelta"/> for
/// <see cref="Patience"/> epochs; optionally restores the weights of the best epoch at the end.
/// </summary>
/// <remarks>
/// Its state (best score, best epoch, epochs without improvement) is checkpointed; the best weights are not, so a
/// run resumed after the best epoch restores the best weights seen since the resume.
/// </remarks>
public sealed class EarlyStopping : Callback
{
    private double _best = double.NaN;
    private int _bestEpoch;
    private int _badEpochs;
    private Dictionary<string, Tensor>? _bestWeights;

    /// <summary>Creates the callback.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Patience below 1 or a negative minDelta.</exception>
    public EarlyStopping(int patience, double minDelta = 0, bool restoreBestWeights = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(patience, 1);
        if (!(minDelta >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta, "minDelta must be non-negative.");
        }
        Patience = patience;
        MinDelta = minDelta;
        RestoreBestWeights = restoreBestWeights;
    }

    /// <inheritdoc/>
    public override string Id => "early_stopping";

    /// <summary>Epochs without improvement tolerated.</summary>
    public int Patience { get; }

    /// <summary>The improvement that counts.</summary>
    public double MinDelta { get; }

    /// <summary>Whether to restore the best epoch's weights at the end.</summary>
    public bool RestoreBestWeights { get; }

    /// <summary>The epoch with the best validation score so far.</summary>
    public int BestEpoch => _bestEpoch;

    /// <inheritdoc/>
    public override EarlyStopping Clone() => new(Patience, MinDelta, RestoreBestWeights);

    /// <inheritdoc/>
    public override void OnBegin(TrainingContext context)
    {
        if (context.ValidationTask is null || context.Learner.MeasuresValid.Count == 0)
        {
            throw new InvalidOperationException("Early stopping needs validation data and at least one validation measure.");
        }
        // A new run starts afresh; a resumed run restores these from its checkpoint right after this stage.
        _best = double.NaN;
        _bestEpoch = 0;
        _badEpochs = 0;
        _bestWeights = null;
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context)
    {
        Measure measure = context.Learner.MeasuresValid[0];
        double score = context.ValidationScores[measure.Id];
        if (double.IsNaN(_best) || measure.IsBetter(score, _best, MinDelta))
        {
            _best = score;
            _bestEpoch = context.Epoch;
            _badEpochs = 0;
            if (RestoreBestWeights)
            {
                _bestWeights = context.Network.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value);
            }
            return;
        }
        if (++_badEpochs >= Patience)
        {
            context.RequestStop(string.Create(CultureInfo.InvariantCulture,
                $"early stopping: {measure.Id} did not improve for {Patience} epochs (best {_best:G6} at epoch {_bestEpoch})"));
        }
    }

    /// <inheritdoc/>
    public override void OnEnd(TrainingContext context)
    {
        if (RestoreBestWeights && _bestWeights is not null)
        {
            context.Network.LoadStateDict(_bestWeights);
        }
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> StateDict() => new Dictionary<string, object?>
    {
        ["best"] = _best,
        ["best_epoch"] = _bestEpoch,
        ["bad_epochs"] = _badEpochs,
    };

    /// <inheritdoc/>
    public override void LoadStateDict(IReadOnlyDictionary<string, object?> state)
    {
        _best = Convert.ToDouble(state["best"], CultureInfo.InvariantCulture);
        _bestEpoch = Convert.ToInt32(state["best_epoch"], CultureInfo.InvariantCulture);
        _badEpochs = Convert.ToInt32(state["bad_epochs"], CultureInfo.InvariantCulture);
    }
}
