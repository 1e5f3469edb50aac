using System.Globalization;
using System.Runtime.InteropServices;

namespace Descent.Bench;

/// <summary>What the report says about the machine: CPU, cores, runtime, and how busy the machine was.</summary>
internal sealed record MachineInfo(string Cpu, int Cores, string Runtime, string Os, string LoadAverage)
{
    public static MachineInfo Current() => new(CpuModel(), Environment.ProcessorCount, RuntimeInformation.FrameworkDescription,
        RuntimeInformation.OSDescription, LoadAverageNow());

    /// <summary>The 1, 5 and 15-minute load averages from /proc/loadavg, or n/a.</summary>
    public static string LoadAverageNow()
    {
        try
        {
            string[] parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return string.Join(' ', parts.Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
        catch (UnauthorizedAccessException)
        {
            return "n/a";
        }
    }

    private static string CpuModel()
    {
        try
        {
            string? line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (line is not null)
            {
                return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return RuntimeInformation.ProcessArchitecture.ToString().ToLower(CultureInfo.InvariantCulture);
    }
}
