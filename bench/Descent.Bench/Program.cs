namespace Descent.Bench;

/// <summary>The <c>Descent.Bench</c> command: parses the arguments and runs <see cref="BenchHarness"/>.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(BenchOptions.Usage);
            return 2;
        }
        if (options.Help)
        {
            Console.WriteLine(BenchOptions.Usage);
            return 0;
        }
        string report = BenchHarness.Run(options, Console.Error);
        Console.WriteLine(report);
        return 0;
    }
}
