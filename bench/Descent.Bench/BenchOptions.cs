namespace Descent.Bench;

/// <summary>What one run of the harness measures, and how long it may take.</summary>
internal sealed record BenchOptions
{
    /// <summary>The sections, in the order they run.</summary>
    public static IReadOnlyList<string> AllSections { get; } = ["bandwidth", "optim", "spam", "mlp", "matmul"];

    public const string Usage = """
        Usage: dotnet run --project bench/Descent.Bench -c Release -- [options]
          --quick           a smoke run with tiny sizes (seconds); writes no file unless --out is given
          --no-peer         skip PyTorch (no Python needed)
          --out PATH        append the Markdown report to PATH (default for a full run: bench/RESULTS.md)
          --only LIST       run only these sections (comma-separated): bandwidth, optim, spam, mlp, matmul
          --python PATH     the Python with torch (default /usr/bin/python3)
          --reps N          timed repetitions per case, median reported (default 7; quick 3)
          --help            show this text
        """;

    /// <summary>Tiny sizes and few repetitions: checks that everything runs, measures nothing worth keeping.</summary>
    public bool Quick { get; init; }

    /// <summary>Skip the PyTorch peer.</summary>
    public bool NoPeer { get; init; }

    /// <summary>Where to append the report; null writes no file.</summary>
    public string? OutPath { get; init; }

    /// <summary>The Python interpreter that has torch.</summary>
    public string Python { get; init; } = "/usr/bin/python3";

    /// <summary>The sections to run.</summary>
    public IReadOnlyList<string> Sections { get; init; } = AllSections;

    /// <summary>Timed repetitions per case; the report shows their median.</summary>
    public int Repetitions { get; init; } = 7;

    /// <summary>Untimed runs before the timed ones: JIT tiers, page faults and lazily created state settle there.</summary>
    public int Warmup => Quick ? 1 : 2;

    /// <summary>The least time each case warms up (see <see cref="Timing.Measure"/>).</summary>
    public double MinWarmupSeconds => Quick ? 0 : 0.5;

    /// <summary>Only print the usage.</summary>
    public bool Help { get; init; }

    /// <summary>The threads every parallel part uses, Descent's and PyTorch's alike.</summary>
    public static int Threads => Environment.ProcessorCount;

    /// <summary>Whether <paramref name="section"/> is to run.</summary>
    public bool Runs(string section) => Sections.Contains(section);

    /// <summary>Parses the command line.</summary>
    /// <exception cref="ArgumentException">An unknown option, a missing value or an unknown section.</exception>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        bool quick = false;
        int? reps = null;
        string? outPath = null;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            switch (arg)
            {
                case "--quick":
                    quick = true;
                    break;
                case "--no-peer":
                    options = options with { NoPeer = true };
                    break;
                case "--out":
                    outPath = Value(args, ref i);
                    break;
                case "--python":
                    options = options with { Python = Value(args, ref i) };
                    break;
                case "--only":
                    string[] sections = Value(args, ref i).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    foreach (string s in sections)
                    {
                        if (!AllSections.Contains(s))
                        {
                            throw new ArgumentException($"Unknown section '{s}' (known: {string.Join(", ", AllSections)}).");
                        }
                    }
                    options = options with { Sections = sections };
                    break;
                case "--reps":
                    string text = Value(args, ref i);
                    if (!int.TryParse(text, out int n) || n < 1)
                    {
                        throw new ArgumentException($"--reps needs a positive integer, got '{text}'.");
                    }
                    reps = n;
                    break;
                case "--help" or "-h":
                    options = options with { Help = true };
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{arg}'.");
            }
        }
        outPath ??= quick ? null : Path.Combine(RepoPaths.Root ?? ".", "bench", "RESULTS.md");
        return options with { Quick = quick, Repetitions = reps ?? (quick ? 3 : 7), OutPath = outPath };
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count)
        {
            throw new ArgumentException($"{args[i]} needs a value.");
        }
        return args[++i];
    }
}
