namespace Descent.Training.Examples;

/// <summary>One step of <see cref="GradientDescentDemo"/>: the loss before the update and the parameters after it.</summary>
public readonly record struct DemoStep(int Step, float Loss, float Intercept, float Slope);

/// <summary>
/// Plain gradient descent written out by hand, θ ← θ − η ∇L(θ), on <see cref="LinearRegressionData"/>:
/// autograd computes ∇L, the update runs under <see cref="Autograd.NoGrad"/>, and the gradients are reset
/// before the next step — the loop every optimizer automates.
/// </summary>
public static class GradientDescentDemo
{
    /// <summary>Runs <paramref name="steps"/> updates with learning rate <paramref name="lr"/> from θ = (0, 0).</summary>
    public static IEnumerable<DemoStep> Run(LinearRegressionData data, float lr, int steps)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(lr > 0) || !float.IsFinite(lr))
        {
            throw new ArgumentOutOfRangeException(nameof(lr), lr, "Invalid learning rate: lr must be a positive finite number.");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        return Iterate(data, lr, steps);
    }

    private static IEnumerable<DemoStep> Iterate(LinearRegressionData data, float lr, int steps)
    {
        var intercept = new Parameter(Tensor.Zeros(1));
        var slope = new Parameter(Tensor.Zeros(1));
        for (int step = 1; step <= steps; step++)
        {
            Tensor loss = data.Loss(intercept, slope);
            loss.Backward();
            using (Autograd.NoGrad())
            {
                intercept.AsSpan()[0] -= lr * intercept.Grad!.Item();
                slope.AsSpan()[0] -= lr * slope.Grad!.Item();
            }
            intercept.Grad = null;
            slope.Grad = null;
            yield return new DemoStep(step, loss.Item(), intercept.Item(), slope.Item());
        }
    }
}
