using System.CommandLine;
using Descent.Interop.Pt;
using Spectre.Console;

namespace Descent.Cli.Commands;

/// <summary>
/// <c>descent export --model PATH --format pt --out FILE.pt</c>: writes a trained network as a PyTorch module state
/// dict that <c>torch.load(path, weights_only=True)</c> reads.
/// </summary>
internal static class ExportCommand
{
    private static readonly string[] s_formats = ["pt"];

    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "The model or checkpoint file (safetensors) written by 'descent train'.", Required = true };
        var format = new Option<string>("--format") { Description = $"The format to write: {string.Join(", ", s_formats)}.", Required = true };
        var output = new Option<string>("--out") { Description = "The file to write.", Required = true };
        var command = new Command("export", "Write a trained network in another tool's format (pt: a PyTorch state dict).") { model, format, output };
        command.SetAction(parse => DescentCommand.Run(parse, () =>
        {
            string kind = parse.GetValue(format)!;
            if (!s_formats.Contains(kind))
            {
                throw new ArgumentException($"--format: unknown format '{kind}' (known: {string.Join(", ", s_formats)}).");
            }
            string path = OutputFolder.PrepareFor(parse.GetValue(output)!);
            int count = PtConversions.ExportModel(parse.GetValue(model)!, path);
            AnsiConsole.WriteLine($"wrote {count} tensors to {path} (load with torch.load(path, weights_only=True))");
            return 0;
        }));
        return command;
    }
}
