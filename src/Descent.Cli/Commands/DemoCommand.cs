using System.CommandLine;
using System.Globalization;
using Descent.Training.Examples;

namespace Descent.Cli.Commands;

/// <summary><c>descent demo</c>: plain gradient descent on synthetic linear regression, one line per step.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var steps = new Option<int>("--steps") { Description = "Number of gradient-descent steps.", DefaultValueFactory = _ => 30 };
        var lr = new Option<float>("--lr") { Description = "Learning rate η.", DefaultValueFactory = _ => 0.1f };
        var n = new Option<int>("--n") { Description = "Number of synthetic data points.", DefaultValueFactory = _ => 100 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the data generator.", DefaultValueFactory = _ => 1UL };

        var command = new Command("demo",
            "Fit y = a + b·x to synthetic data (a = 1, b = 2, noise 0.5) with plain gradient descent, " +
            "θ ← θ − η∇L, and print the loss per step.")
        {
            steps, lr, n, seed,
        };
        command.SetAction(parse => DescentCommand.Run(parse, () =>
        {
            int count = parse.GetValue(steps) is var k && k > 0 ? k : throw new ArgumentException($"--steps must be positive, got {k}.");
            int points = parse.GetValue(n) is var m && m > 0 ? m : throw new ArgumentException($"--n must be positive, got {m}.");
            var data = new LinearRegressionData(points, seed: parse.GetValue(seed));
            IEnumerable<DemoStep> run = GradientDescentDemo.Run(data, parse.GetValue(lr), count);
            Console.WriteLine($"{"step",5}  {"loss",10}  {"intercept",10}  {"slope",10}");
            DemoStep last = default;
            foreach (DemoStep s in run)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{s.Step,5}  {s.Loss,10:F6}  {s.Intercept,10:F6}  {s.Slope,10:F6}"));
                last = s;
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"true line: intercept {data.TrueIntercept}, slope {data.TrueSlope}; fitted: intercept {last.Intercept:F4}, slope {last.Slope:F4}"));
            return 0;
        }));
        return command;
    }
}
