using System.CommandLine;
using System.Globalization;
using Descent.Cli.Arguments;
using Descent.Optim;
using Descent.Optim.Schedulers;
using Descent.Training.Examples;
using Spectre.Console;

namespace Descent.Cli.Commands;

/// <summary>
/// <c>descent trajectory</c>: optimizer paths on a 2-D loss surface over its contours, one path per value of a
/// varied hyperparameter (<c>--vary lr=0.01,0.1,0.5</c>), optionally from another start (<c>--start -1,2</c>), with a
/// learning-rate schedule stepped after every step (<c>--scheduler cosine</c>) and, for the quadratic, another
/// condition number (<c>--condition 100</c>). paths.csv holds every point; the explorer page computes the same ones.
/// </summary>
internal static class TrajectoryCommand
{
    private static readonly string[] s_varied = ["lr", "weight_decay", "beta1", "beta2", "eps", "momentum", "amsgrad"];

    public static Command Create()
    {
        var optimizer = new OptimizerArguments("sgd");
        var scheduler = new SchedulerArguments();
        var surface = new Option<string>("--surface") { Description = "linreg, rosenbrock, beale, saddle or quadratic.", DefaultValueFactory = _ => "linreg" };
        var condition = new Option<double?>("--condition") { Description = "quadratic: the condition number κ of (x² + κy²)/2 (default 25)." };
        var start = new Option<string?>("--start") { Description = "Where every path starts, x,y (default: the surface's start point)." };
        var vary = new Option<string?>("--vary") { Description = $"One hyperparameter and its values, e.g. lr=0.01,0.1,0.5 ({string.Join(", ", s_varied)})." };
        var steps = new Option<int>("--steps") { Description = "Optimizer steps per path.", DefaultValueFactory = _ => 100 };
        var output = new Option<string>("--out") { Description = "Folder for paths.csv and the figure.", DefaultValueFactory = _ => "runs/trajectory" };
        var command = new Command("trajectory", "Draw optimizer paths on a loss surface, one per value of a varied hyperparameter.") { surface, condition, start, vary, steps, output };
        optimizer.AddTo(command);
        scheduler.AddTo(command);
        command.SetAction(parse => DescentCommand.Run(parse, () =>
        {
            LossSurface s = Surface(parse.GetValue(surface)!, parse.GetValue(condition));
            string name = optimizer.Name(parse);
            Dictionary<string, object?> baseOptions = optimizer.Read(parse);
            int n = parse.GetValue(steps) is var k && k > 0 ? k : throw new ArgumentException($"--steps must be positive, got {k}.");
            (double X, double Y)? from = parse.GetValue(start) is { } text
                ? Lists.Doubles(text, "--start") is [double sx, double sy] ? (sx, sy) : throw new ArgumentException($"--start: expected x,y, got '{text}'.")
                : null;
            Func<Optimizer, LRScheduler>? schedule = scheduler.Build(parse, n);
            string dir = OutputFolder.Prepare(parse.GetValue(output)!);
            List<Trajectory> paths = [];
            foreach ((string label, Dictionary<string, object?> options) in Variants(parse.GetValue(vary), baseOptions))
            {
                optimizer.Check(name, options);
                paths.Add(TrajectoryRunner.Run(s, name, options, n, label, from, schedule));
            }
            string csv = Path.Combine(dir, "paths.csv");
            Csv.Write(csv, ["path", "step", "x", "y", "loss"],
                paths.SelectMany(p => p.Points.Select((pt, i) => (IReadOnlyList<object?>)[p.Label, i, pt.X, pt.Y, p.Losses[i]])));
            string[] figures = Figures.Trajectories(s, name, paths, Path.Combine(dir, "trajectory"));
            foreach (Trajectory p in paths)
            {
                (double x, double y) = p.Points[^1];
                AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} {p.Label}: ends at ({x:G4}, {y:G4}), loss {p.Losses[^1]:G4} after {p.Points.Count - 1} steps"));
            }
            foreach (string f in new[] { csv }.Concat(figures))
            {
                AnsiConsole.WriteLine($"wrote {f}");
            }
            return 0;
        }));
        return command;
    }

    /// <summary>The surface called <paramref name="name"/>, with condition number <paramref name="condition"/> for the quadratic.</summary>
    internal static LossSurface Surface(string name, double? condition)
    {
        LossSurface s = LossSurfaces.Get(name);
        if (condition is not { } kappa)
        {
            return s;
        }
        if (s.Name != "quadratic")
        {
            throw new ArgumentException($"--condition: only the quadratic surface has a condition number, not '{name}'.");
        }
        return kappa >= 1 && double.IsFinite(kappa)
            ? LossSurfaces.IllConditioned(kappa)
            : throw new ArgumentException($"--condition: the condition number must be at least 1, got {kappa}.");
    }

    /// <summary>The option sets for each value of <c>--vary</c> (one set, the base options, without it).</summary>
    internal static IEnumerable<(string Label, Dictionary<string, object?> Options)> Variants(string? vary, Dictionary<string, object?> baseOptions)
    {
        if (vary is null)
        {
            yield return (baseOptions.Count == 0 ? "defaults" : string.Join(", ", baseOptions.Select(kv => $"{kv.Key} = {kv.Value}")), baseOptions);
            yield break;
        }
        string[] parts = vary.Split('=', 2);
        if (parts.Length != 2 || parts[1].Length == 0)
        {
            throw new ArgumentException($"--vary: expected name=value1,value2,…, got '{vary}'.");
        }
        string key = parts[0].Trim().Replace('-', '_');
        if (!s_varied.Contains(key))
        {
            throw new ArgumentException($"--vary: cannot vary '{parts[0]}' (known: {string.Join(", ", s_varied)}).");
        }
        foreach (string text in Lists.Strings(parts[1]))
        {
            var options = new Dictionary<string, object?>(baseOptions);
            (double b1, double b2) = baseOptions.TryGetValue("betas", out object? b) && b is (double x, double y) ? (x, y) : (0.9, 0.999);
            switch (key)
            {
                case "amsgrad":
                    options["amsgrad"] = text switch
                    {
                        "true" => true,
                        "false" => false,
                        _ => throw new ArgumentException($"--vary amsgrad: expected true or false, got '{text}'."),
                    };
                    break;
                case "beta1" or "beta2" when b is double[] { Length: 3 } triple:
                    // AdEMAMix's three betas (--betas b1,b2,b3): the one varied is replaced, the others kept.
                    double[] betas = [.. triple];
                    betas[key == "beta1" ? 0 : 1] = Number(text);
                    options["betas"] = betas;
                    break;
                case "beta1":
                    options["betas"] = (Number(text), b2);
                    break;
                case "beta2":
                    options["betas"] = (b1, Number(text));
                    break;
                default:
                    options[key] = Number(text);
                    break;
            }
            yield return ($"{parts[0].Trim()} = {text}", options);
        }
    }

    private static double Number(string text) => Lists.Doubles(text, "--vary")[0];
}
