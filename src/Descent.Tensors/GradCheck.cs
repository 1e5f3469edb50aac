namespace Descent;

/// <summary>The outcome of <see cref="GradCheck.Run"/>: the worst disagreement between analytic and numeric gradients.</summary>
/// <param name="Passed">Whether every entry satisfied |analytic − numeric| ≤ atol + rtol·|numeric|.</param>
/// <param name="MaxAbsoluteError">The largest |analytic − numeric| over all entries.</param>
/// <param name="Worst">Where the worst entry is, and both values, for the failure message.</param>
public sealed record GradCheckResult(bool Passed, double MaxAbsoluteError, string Worst);

/// <summary>
/// Compares the gradients that autograd computes with central differences, evaluated in double precision
/// from float32 forward passes.
/// </summary>
/// <remarks>
/// A non-scalar output y is reduced to the scalar Σ y·v with a fixed random v, so that every output entry
/// contributes. The forward pass runs in float32, so the step <c>eps</c> must be large enough that rounding
/// (about 1e-7·|f| / eps) stays below the tolerance: the defaults suit values of order one.
/// </remarks>
public static class GradCheck
{
    /// <summary>Checks the gradient of <paramref name="function"/> with respect to every input that requires grad.</summary>
    public static GradCheckResult Run(Func<Tensor[], Tensor> function, Tensor[] inputs,
        double eps = 1e-3, double atol = 1e-3, double rtol = 1e-2, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(inputs);
        foreach (Tensor input in inputs)
        {
            input.Grad = null;
        }

        Tensor output = function(inputs);
        Tensor v = Tensor.Randn(output._shape, new Generator(seed));
        output.Backward(v);

        double maxError = 0;
        string worst = "no entry checked";
        bool passed = true;
        for (int t = 0; t < inputs.Length; t++)
        {
            Tensor input = inputs[t];
            if (!input.RequiresGrad)
            {
                continue;
            }
            float[] analytic = input.Grad?.ToArray() ?? new float[input.NumElements];
            for (int i = 0; i < input.NumElements; i++)
            {
                float original = input._data[i];
                input._data[i] = (float)(original + eps);
                double plus = Project(function, inputs, v);
                input._data[i] = (float)(original - eps);
                double minus = Project(function, inputs, v);
                input._data[i] = original;
                double step = (double)(float)(original + eps) - (float)(original - eps);
                double numeric = (plus - minus) / step;
                double error = Math.Abs(analytic[i] - numeric);
                bool ok = error <= atol + rtol * Math.Abs(numeric);
                if (!ok || error > maxError)
                {
                    if (!ok && passed || error > maxError)
                    {
                        worst = $"input {t}, flat index {i}: analytic {analytic[i]:R}, numeric {numeric:R}";
                    }
                    passed &= ok;
                    maxError = Math.Max(maxError, error);
                }
            }
        }
        return new GradCheckResult(passed, maxError, worst);
    }

    private static double Project(Func<Tensor[], Tensor> function, Tensor[] inputs, Tensor v)
    {
        using var scope = Autograd.NoGrad();
        Tensor y = function(inputs);
        double sum = 0;
        for (int i = 0; i < y.NumElements; i++)
        {
            sum += (double)y._data[i] * v._data[i];
        }
        return sum;
    }
}
