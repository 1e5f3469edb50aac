namespace Descent.Training;

/// <summary>Class probabilities and the most probable class of each row from a classifier's raw outputs (logits).</summary>
internal static class ClassProbabilities
{
    /// <summary>
    /// Writes the softmax of each row of <paramref name="logits"/> (rows × <paramref name="k"/>, row-major) into
    /// <paramref name="prob"/> and the index of each row's largest probability into <paramref name="response"/>.
    /// </summary>
    public static void Softmax(ReadOnlySpan<float> logits, int k, Span<float> prob, Span<int> response)
    {
        int n = logits.Length / k;
        // Every epoch's train measures come through here for every row: the shifted logits of all rows go through
        // one vectorized exponential, and the largest of each row, whose exponential is exp(0), is 1 exactly.
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<float> row = logits.Slice(i * k, k);
            Span<float> shifted = prob.Slice(i * k, k);
            float max = row[0];
            for (int c = 1; c < k; c++)
            {
                max = row[c] > max || float.IsNaN(row[c]) ? row[c] : max;
            }
            for (int c = 0; c < k; c++)
            {
                shifted[c] = row[c] - max;
            }
        }
        float[] exponentials = new float[n * k];
        System.Numerics.Tensors.TensorPrimitives.Exp(prob[..(n * k)], exponentials);
        for (int i = 0; i < n; i++)
        {
            Span<float> p = prob.Slice(i * k, k);
            ReadOnlySpan<float> e = exponentials.AsSpan(i * k, k);
            double sum = 0;
            for (int c = 0; c < k; c++)
            {
                p[c] = p[c] == 0 ? 1f : e[c];
                sum += p[c];
            }
            int best = 0;
            for (int c = 0; c < k; c++)
            {
                p[c] = (float)(p[c] / sum);
                best = p[c] > p[best] ? c : best;
            }
            response[i] = best;
        }
    }
}
