namespace Descent.Optim.Schedulers;

/// <remarks>
/// The formulas, each written once as a pure function of the step: the factor of the base rate, the position in a
/// cycle or a phase. The public closed forms, the schedulers' closed forms and their chainable steps (through
/// <see cref="Ratio"/>) all call these, so the two forms of a scheduler cannot drift apart.
/// </remarks>
public static partial class Schedule
{
    /// <summary>How many times <see cref="StepLR"/> has decayed by step t (0 at t = −1).</summary>
    internal static int StepDecays(int step, int stepSize) => Math.Max(step, 0) / stepSize;

    /// <summary>How many times <see cref="MultiStepLR"/> has decayed by step t: the milestones passed.</summary>
    internal static int MultiStepDecays(int step, IReadOnlyList<int> milestones) => milestones.Count(m => m <= step);

    /// <summary><see cref="ConstantLR"/>'s factor, in PyTorch's closed form: factor + (1 − factor)·[t ≥ T].</summary>
    internal static double ConstantFactor(int step, double factor, int totalIters) => factor + (step >= totalIters ? 1 - factor : 0.0);

    /// <summary><see cref="LinearLR"/>'s factor: s + (e − s) · min(t, T) / T.</summary>
    internal static double LinearFactor(int step, double startFactor, double endFactor, int totalIters) =>
        startFactor + (endFactor - startFactor) * Math.Min(totalIters, step) / totalIters;

    /// <summary><see cref="PolynomialLR"/>'s factor: (1 − min(t, T) / T)^power.</summary>
    internal static double PolynomialFactor(int step, int totalIters, double power) =>
        Math.Pow(1.0 - Math.Min(totalIters, step) / (double)totalIters, power);

    /// <summary>The cosine from 1 at t = 0 to 0 at t = T (and back up past T): (1 + cos(π t / T)) / 2.</summary>
    internal static double CosineFactor(double step, double period) => (1 + Math.Cos(Math.PI * step / period)) / 2;

    /// <summary><see cref="OneCycleLR"/>: the last step of each phase: pN − 1 and N − 1, or pN − 1, 2pN − 2 and N − 1.</summary>
    internal static double[] PhaseEnds(int totalSteps, double pctStart, bool threePhase) =>
        threePhase ? [pctStart * totalSteps - 1, 2 * pctStart * totalSteps - 2, totalSteps - 1.0] : [pctStart * totalSteps - 1, totalSteps - 1.0];

    /// <summary>The phase that <paramref name="step"/> falls in and the fraction of it done (past the last phase, above 1).</summary>
    internal static (int Phase, double Pct) Locate(int step, double[] phaseEnds)
    {
        double start = 0.0;
        for (int i = 0; ; i++)
        {
            double end = phaseEnds[i];
            if (step <= end || i == phaseEnds.Length - 1)
            {
                return (i, (step - start) / (end - start));
            }
            start = end;
        }
    }

    /// <summary>
    /// <see cref="OneCycleLR"/>'s value at <paramref name="step"/>, annealed within each phase between the values at
    /// the phases' ends: start → peak → end, or start → peak → start → end with three phases.
    /// </summary>
    internal static double OneCycleValue(int step, double[] phaseEnds, AnnealStrategy strategy, double start, double peak, double end)
    {
        double[] values = phaseEnds.Length == 3 ? [start, peak, start, end] : [start, peak, end];
        (int phase, double pct) = Locate(step, phaseEnds);
        return Anneal(strategy, values[phase], values[phase + 1], pct);
    }

    /// <summary>Moves from <paramref name="start"/> to <paramref name="end"/> as <paramref name="pct"/> goes from 0 to 1.</summary>
    internal static double Anneal(AnnealStrategy strategy, double start, double end, double pct) => strategy == AnnealStrategy.Cos
        ? end + (start - end) / 2.0 * (Math.Cos(Math.PI * pct) + 1)
        : (end - start) * pct + start;

    /// <summary><see cref="CyclicLR"/>: the cycle (from 1) that <paramref name="step"/> falls in, and the height f ∈ [0, 1] of the triangle there.</summary>
    internal static (double Cycle, double Factor) Position(int step, double totalSize, double stepRatio)
    {
        double cycle = Math.Floor(1 + step / totalSize);
        double x = 1.0 + step / totalSize - cycle;
        return (cycle, x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1));
    }

    /// <summary>The chainable step's multiplier f(t) / f(t − 1), with f(−1) = 1 so that step 0 applies f(0); exactly 1 where f does not change.</summary>
    /// <exception cref="DivideByZeroException">Leaving a factor of 0 (PyTorch: float division by zero).</exception>
    internal static double Ratio(Func<int, double> factor, int step)
    {
        double before = step == 0 ? 1.0 : factor(step - 1);
        double now = factor(step);
        return now == before ? 1.0
            : before == 0 ? throw new DivideByZeroException("The schedule cannot scale a learning rate up from a factor of 0 (PyTorch: float division by zero).")
            : now / before;
    }
}
