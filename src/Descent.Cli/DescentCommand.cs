using System.CommandLine;
using System.CommandLine.Parsing;
using Descent.Cli.Commands;
using Spectre.Console;

namespace Descent.Cli;

/// <summary>The root of the <c>descent</c> command: its verbs and the options they share.</summary>
internal static class DescentCommand
{
    /// <summary>Shows stack traces of failures instead of the one-line message.</summary>
    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Show full error details (stack traces).",
        Recursive = true,
    };

    /// <summary>Parses and runs a command line; argument errors print one line and exit with 2.</summary>
    public static int Invoke(string[] args)
    {
        // Tables and progress go to whatever Console.Out is now (tests and hosts redirect it).
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected)
        {
            // Logs and pipes get whole lines rather than text wrapped at a guessed terminal width.
            AnsiConsole.Profile.Width = 200;
        }
        ParseResult parse = Create().Parse(args);
        if (parse.Errors.Count > 0 && !args.Any(a => a is "-h" or "--help" or "-?"))
        {
            // An unknown word explains more than the "required command" error it also causes.
            ParseError error = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
            Console.Error.WriteLine($"descent: error: {error.Message} (see 'descent --help')");
            return 2;
        }
        return parse.Invoke();
    }

    public static RootCommand Create()
    {
        var root = new RootCommand("descent — train neural networks with torch-style optimizers and look at what they do.");
        root.Options.Add(Verbose);
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(CompareCommand.Create());
        root.Subcommands.Add(TrajectoryCommand.Create());
        root.Subcommands.Add(ScheduleCommand.Create());
        root.Subcommands.Add(LrFindCommand.Create());
        root.Subcommands.Add(TuneCommand.Create());
        root.Subcommands.Add(WorkerCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(PredictCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(ExploreCommand.Create());
        return root;
    }

    /// <summary>
    /// Runs a verb's body: a failure becomes one line on stderr naming the problem and exit code 2 for bad
    /// arguments or settings, 1 for everything else (files, data, I/O); the stack trace only under --verbose.
    /// Folders the command created and left empty are removed. docs/errors.md lists the errors and codes.
    /// </summary>
    public static int Run(ParseResult parse, Func<int> body)
    {
        try
        {
            int code = body();
            OutputFolder.Keep();
            return code;
        }
        catch (Exception e)
        {
            OutputFolder.RemoveEmpty();
            Console.Error.WriteLine(parse.GetValue(Verbose) ? e.ToString() : $"descent: error: {OneLine(e)}");
            return ExitCode(e);
        }
    }

    /// <summary>2 for a bad argument or setting, 1 for a file, data or other failure.</summary>
    internal static int ExitCode(Exception e) => e is ArgumentException ? 2 : 1;

    /// <summary>
    /// An exception's message as one line: its lines joined, without the "(Parameter 'x')" and "Actual value was"
    /// parts .NET adds to argument exceptions.
    /// </summary>
    internal static string OneLine(Exception e)
    {
        IEnumerable<string> lines = e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !(e is ArgumentOutOfRangeException && l.StartsWith("Actual value was", StringComparison.Ordinal)));
        return s_parameterSuffix.Replace(string.Join(' ', lines), "");
    }

    private static readonly System.Text.RegularExpressions.Regex s_parameterSuffix = new(@" \(Parameter '[^']*'\)");
}
