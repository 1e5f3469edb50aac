namespace Descent.Plots.Tests.Support;

/// <summary>Small recorded data sets, one figure of each kind, and the text each figure must show.</summary>
internal static class Samples
{
    public static double Rosenbrock(double x, double y) => (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);

    public static LearningCurves Curves(bool logY = true) => new(
        "Train loss by learning rate",
        "train log loss",
        [
            new CurveSeries("lr = 0.1", [[0.7, 0.4, 0.3], [0.69, 0.45, 0.28]]),
            new CurveSeries("lr = 0.01", [[0.7, 0.6, 0.5], [0.71, 0.62, 0.55]]),
        ],
        logY: logY);

    public static TrajectoryPlot Trajectories() => new(
        "Rosenbrock paths",
        new ContourSurface(Rosenbrock, (-2, 2), (-1, 3), minimum: (1, 1), resolution: 60),
        [
            new TrajectorySeries("SGD", [(-1.5, 2.0), (-1.2, 1.5), (-0.8, 0.7), (0.2, 0.1)]),
            new TrajectorySeries("Adam", [(-1.5, 2.0), (-1.0, 1.0), (0.5, 0.3), (0.9, 0.8)]),
        ],
        xLabel: "intercept",
        yLabel: "slope");

    public static SchedulePlot Schedules() => new(
        "Schedules",
        [
            new ScheduleSeries("StepLR", [0.1, 0.1, 0.05, 0.05, 0.025]),
            new ScheduleSeries("OneCycleLR", [0.004, 0.05, 0.1, 0.05, 0.001], [0.95, 0.9, 0.85, 0.9, 0.95]),
        ]);

    public static LrFinderPlot LrFinder()
    {
        double[] lrs = Enumerable.Range(0, 30).Select(i => 1e-6 * Math.Pow(10, i / 5.0)).ToArray();
        double[] losses = lrs.Select(lr => 0.7 - 0.4 / (1 + Math.Exp(-(Math.Log10(lr) + 3) * 3)) + (lr > 0.1 ? 5 : 0)).ToArray();
        return new LrFinderPlot("Range test", lrs, losses, suggested: 1e-3, yLabel: "smoothed loss");
    }

    public static GradientNoisePlot GradientNoise() => new(
        "Gradient noise", [1, 4, 16, 64, 256], [0.8, 0.41, 0.19, 0.1, 0.049], populationSize: 1000);

    public static StepTimePlot StepTimes() => new(
        "Step time",
        [
            new StepTimeSeries("Descent", [1, 8, 64, 512], [0.02, 0.03, 0.06, 0.3]),
            new StepTimeSeries("PyTorch", [1, 8, 64, 512], [0.2, 0.21, 0.25, 0.4]),
        ]);

    /// <summary>Every figure kind with the texts (title, axis labels, legend entries) its SVG must contain.</summary>
    public static TheoryData<string> Names => ["curves", "trajectories", "schedules", "lr-finder", "gradient-noise", "step-times"];

    public static (Figure Figure, string[] Texts) Get(string name) => name switch
    {
        "curves" => (Curves(), ["Train loss by learning rate", "epoch", "train log loss", "lr = 0.1", "lr = 0.01", "min–max"]),
        "trajectories" => (Trajectories(), ["Rosenbrock paths", "intercept", "slope", "SGD", "Adam", "start", "end", "minimum"]),
        "schedules" => (Schedules(), ["Schedules", "step", "learning rate", "momentum", "StepLR", "OneCycleLR"]),
        "lr-finder" => (LrFinder(), ["Range test", "learning rate", "smoothed loss", "suggested lr = 1e-3"]),
        "gradient-noise" => (GradientNoise(), ["Gradient noise", "batch size B", "standard error", "measured", "σ/√B", "N = 1000"]),
        "step-times" => (StepTimes(), ["Step time", "batch size", "time per step (ms)", "Descent", "PyTorch"]),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
