namespace Descent.Optim.Schedulers;

/// <summary>
/// Learning-rate schedules as pure functions of the step, for plots and for code that sets rates itself, and
/// <see cref="Sample"/>, which runs any scheduler on a throwaway optimizer. Each closed form gives the rate a
/// scheduler sets after <c>step</c> steps (the rate the optimizer's step number <c>step</c> uses, counting from
/// 0) and agrees with that scheduler to rounding.
/// </summary>
public static partial class Schedule
{
    /// <summary><see cref="StepLR"/>: η₀ · γ^⌊t / stepSize⌋.</summary>
    public static double Step(int step, double baseLr, int stepSize, double gamma = 0.1) =>
        baseLr * Math.Pow(gamma, StepDecays(NonNegative(step), Positive(stepSize, nameof(stepSize))));

    /// <summary><see cref="MultiStepLR"/>: η₀ · γ^|{m ∈ milestones : m ≤ t}|.</summary>
    public static double MultiStep(int step, double baseLr, IReadOnlyList<int> milestones, double gamma = 0.1) =>
        baseLr * Math.Pow(gamma, MultiStepDecays(NonNegative(step), milestones ?? throw new ArgumentNullException(nameof(milestones))));

    /// <summary><see cref="ExponentialLR"/>: η₀ · γᵗ.</summary>
    public static double Exponential(int step, double baseLr, double gamma) => baseLr * Math.Pow(gamma, NonNegative(step));

    /// <summary><see cref="CosineAnnealingLR"/>: η_min + (η₀ − η_min)·(1 + cos(πt / T))/2. Past T the cosine rises again, as the scheduler's does.</summary>
    public static double CosineAnnealing(int step, double baseLr, int tMax, double etaMin = 0.0) =>
        etaMin + (baseLr - etaMin) * CosineFactor(NonNegative(step), Positive(tMax, nameof(tMax)));

    /// <summary><see cref="LinearLR"/>, a linear warm-up: η₀ · (s + (e − s) · min(t, T) / T), from s·η₀ at step 0 to e·η₀ at step T and after.</summary>
    public static double LinearWarmup(int step, double baseLr, int warmupSteps, double startFactor = 1.0 / 3, double endFactor = 1.0) =>
        baseLr * LinearFactor(NonNegative(step), startFactor, endFactor, Positive(warmupSteps, nameof(warmupSteps)));

    /// <summary><see cref="OneCycleLR"/>'s learning rate at <paramref name="step"/> (0 ≤ step ≤ totalSteps); see that class for the phases.</summary>
    public static double OneCycle(int step, double maxLr, int totalSteps, double pctStart = 0.3, AnnealStrategy annealStrategy = AnnealStrategy.Cos,
        double divFactor = 25.0, double finalDivFactor = 1e4, bool threePhase = false)
    {
        NonNegative(step);
        Positive(totalSteps, nameof(totalSteps));
        Throw.OutOfRangeIf(step > totalSteps, nameof(step), step, $"Tried to step {step} times. The specified number of total steps is {totalSteps}");
        Throw.OutOfRangeIf(!(pctStart >= 0 && pctStart <= 1), nameof(pctStart), pctStart, $"Expected float between 0 and 1 pct_start, but got {Check.Format(pctStart)}");
        double initialLr = maxLr / divFactor;
        // Clamped at 0 as OneCycleLR is at step = totalSteps, where linear annealing overshoots.
        return Math.Max(OneCycleValue(step, PhaseEnds(totalSteps, pctStart, threePhase), annealStrategy, initialLr, maxLr, initialLr / finalDivFactor), 0.0);
    }

    /// <summary><see cref="CyclicLR"/> in triangular mode: η_base up to η_max in stepSizeUp steps, back in stepSizeDown (default: the same), forever.</summary>
    public static double CyclicTriangular(int step, double baseLr, double maxLr, int stepSizeUp, int? stepSizeDown = null)
    {
        NonNegative(step);
        Positive(stepSizeUp, nameof(stepSizeUp));
        Throw.OutOfRangeIf(stepSizeDown < 0, nameof(stepSizeDown), stepSizeDown, $"stepSizeDown must not be negative, got {stepSizeDown}.");
        double totalSize = stepSizeUp + (double)(stepSizeDown ?? stepSizeUp);
        (_, double factor) = Position(step, totalSize, stepSizeUp / totalSize);
        return baseLr + (maxLr - baseLr) * factor;
    }

    /// <summary>
    /// A linear warm-up from <c>f · baseLr</c> over W steps, then a cosine decay to η_min at N (rising again past N, as
    /// <see cref="CosineAnnealingLR"/> does); <see cref="WarmupCosineScheduler"/> sets the same rates:
    /// <code>
    /// t &lt; W:  η₀ · (f + (1 − f) · t / W)
    /// t ≥ W:  η_min + (η₀ − η_min) · (1 + cos(π (t − W) / (N − W))) / 2
    /// </code>
    /// </summary>
    public static double WarmupCosine(int step, double baseLr, int warmupSteps, int totalSteps, double minLr = 0, double warmupStartFactor = 0)
    {
        NonNegative(step);
        CheckWarmupCosine(warmupSteps, totalSteps, minLr, warmupStartFactor);
        return step < warmupSteps
            ? baseLr * (warmupStartFactor + (1 - warmupStartFactor) * step / warmupSteps)
            : CosineAnnealing(step - warmupSteps, baseLr, totalSteps - warmupSteps, minLr);
    }

    /// <summary><see cref="ConstantLR"/>: η₀ · factor for t &lt; T, η₀ after (written as PyTorch's closed form).</summary>
    public static double Constant(int step, double baseLr, double factor = 1.0 / 3, int totalIters = 5) =>
        baseLr * ConstantFactor(NonNegative(step), factor, totalIters);

    /// <summary><see cref="PolynomialLR"/>: η₀ · (1 − min(t, T) / T)^power.</summary>
    public static double Polynomial(int step, double baseLr, int totalIters = 5, double power = 1.0) =>
        baseLr * PolynomialFactor(NonNegative(step), Positive(totalIters, nameof(totalIters)), power);

    private static void CheckWarmupCosine(int warmupSteps, int totalSteps, double minLr, double warmupStartFactor)
    {
        Throw.OutOfRangeIf(warmupSteps < 0, nameof(warmupSteps), warmupSteps, $"warmupSteps must not be negative, got {warmupSteps}.");
        Throw.OutOfRangeIf(totalSteps <= warmupSteps, nameof(totalSteps), totalSteps, $"totalSteps must exceed warmupSteps ({warmupSteps}), got {totalSteps}.");
        Throw.OutOfRangeIf(!(minLr >= 0), nameof(minLr), minLr, $"minLr must be a learning rate >= 0, got {Check.Format(minLr)}.");
        Throw.OutOfRangeIf(!(warmupStartFactor >= 0 && warmupStartFactor <= 1), nameof(warmupStartFactor), warmupStartFactor, $"warmupStartFactor must be in [0, 1], got {Check.Format(warmupStartFactor)}.");
    }

    // The checks return the value, so that a closed form checks each argument where it reads it.
    private static int NonNegative(int step) =>
        step >= 0 ? step : throw new ArgumentOutOfRangeException(nameof(step), step, $"step must not be negative, got {step}.");

    private static int Positive(int value, string name) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive, got {value}.");
}
