namespace Descent.Training;

/// <summary>The arithmetic behind the built-in measures, accumulated in double precision.</summary>
internal static class Scores
{
    private const double LogLossEps = 1e-15;

    public static double LogLoss(ClassificationPrediction p)
    {
        // The logarithms in one vectorized pass (train measures score every row of every epoch), summed in row order.
        var clipped = new double[p.NRow];
        for (int i = 0; i < clipped.Length; i++)
        {
            clipped[i] = Math.Max(LogLossEps, p.Prob(i, p.Truth[i]));
        }
        System.Numerics.Tensors.TensorPrimitives.Log(clipped, clipped);
        double sum = 0;
        for (int i = 0; i < clipped.Length; i++)
        {
            sum -= clipped[i];
        }
        return sum / p.NRow;
    }

    public static double Accuracy(ClassificationPrediction p)
    {
        int correct = 0;
        for (int i = 0; i < p.NRow; i++)
        {
            correct += p.Truth[i] == p.Response[i] ? 1 : 0;
        }
        return (double)correct / p.NRow;
    }

    /// <summary>The Mann–Whitney statistic: the probability that a random positive row scores above a random negative one, ties ½.</summary>
    public static double Auc(ClassificationPrediction p)
    {
        int positive = p.PositiveIndex;
        var scored = Enumerable.Range(0, p.NRow).Select(i => (Score: (double)p.Prob(i, positive), Positive: p.Truth[i] == positive))
            .OrderBy(x => x.Score).ToArray();
        long nPos = scored.Count(x => x.Positive);
        long nNeg = scored.Length - nPos;
        if (nPos == 0 || nNeg == 0)
        {
            return double.NaN;
        }
        // Average ranks over ties, then U = Σ ranks of positives − nPos(nPos + 1)/2.
        double rankSum = 0;
        for (int i = 0; i < scored.Length;)
        {
            int j = i;
            while (j < scored.Length && scored[j].Score == scored[i].Score)
            {
                j++;
            }
            double averageRank = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++)
            {
                if (scored[k].Positive)
                {
                    rankSum += averageRank;
                }
            }
            i = j;
        }
        return (rankSum - nPos * (nPos + 1) / 2.0) / (nPos * (double)nNeg);
    }

    public static double BinaryBrier(ClassificationPrediction p)
    {
        int positive = p.PositiveIndex;
        double sum = 0;
        for (int i = 0; i < p.NRow; i++)
        {
            double d = (p.Truth[i] == positive ? 1 : 0) - p.Prob(i, positive);
            sum += d * d;
        }
        return sum / p.NRow;
    }

    public static double MulticlassBrier(ClassificationPrediction p)
    {
        double sum = 0;
        for (int i = 0; i < p.NRow; i++)
        {
            for (int k = 0; k < p.ClassNames.Count; k++)
            {
                double d = (p.Truth[i] == k ? 1 : 0) - p.Prob(i, k);
                sum += d * d;
            }
        }
        return sum / p.NRow;
    }

    public static (double Precision, double Recall, double F1) Confusion(ClassificationPrediction p)
    {
        int positive = p.PositiveIndex;
        int tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < p.NRow; i++)
        {
            bool predicted = p.Response[i] == positive;
            bool actual = p.Truth[i] == positive;
            tp += predicted && actual ? 1 : 0;
            fp += predicted && !actual ? 1 : 0;
            fn += !predicted && actual ? 1 : 0;
        }
        double precision = tp + fp == 0 ? double.NaN : (double)tp / (tp + fp);
        double recall = tp + fn == 0 ? double.NaN : (double)tp / (tp + fn);
        double f1 = 2.0 * tp + fp + fn == 0 ? double.NaN : 2.0 * tp / (2.0 * tp + fp + fn);
        return (precision, recall, f1);
    }

    public static double Mse(RegressionPrediction p)
    {
        double sum = 0;
        for (int i = 0; i < p.NRow; i++)
        {
            double d = (double)p.Truth[i] - p.Response[i];
            sum += d * d;
        }
        return sum / p.NRow;
    }

    public static double Mae(RegressionPrediction p)
    {
        double sum = 0;
        for (int i = 0; i < p.NRow; i++)
        {
            sum += Math.Abs((double)p.Truth[i] - p.Response[i]);
        }
        return sum / p.NRow;
    }

    public static double Rsq(RegressionPrediction p)
    {
        double mean = p.Truth.Average(t => (double)t);
        double sse = 0, sst = 0;
        for (int i = 0; i < p.NRow; i++)
        {
            double t = p.Truth[i];
            sse += (t - p.Response[i]) * (t - p.Response[i]);
            sst += (t - mean) * (t - mean);
        }
        return 1 - sse / sst;
    }
}
