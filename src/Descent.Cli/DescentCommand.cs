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
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        return root;
    }

    /// <summary>
    /// Runs a verb's body: a failure becomes one line on stderr naming the problem and exit code 1
    /// (2 for bad arguments), with the stack trace only under --verbose.
    /// </summary>
    public static int Run(ParseResult parse, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or FormatException)
        {
            Console.Error.WriteLine(parse.GetValue(Verbose) ? e.ToString() : $"descent: error: {OneLine(e)}");
            return e is ArgumentException ? 2 : 1;
        }
    }

    /// <summary>The first line of an exception's message, without the "(Parameter 'x')" suffix .NET appends.</summary>
    private static string OneLine(Exception e)
    {
        string message = e.Message.Split('\n')[0].TrimEnd();
        if (e is ArgumentException { ParamName: { } name })
        {
            string suffix = $" (Parameter '{name}')";
            if (message.EndsWith(suffix, StringComparison.Ordinal))
            {
                message = message[..^suffix.Length];
            }
        }
        return message;
    }
}
