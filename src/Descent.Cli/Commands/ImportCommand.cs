using System.CommandLine;
using Descent.Interop.Pt;
using Spectre.Console;

namespace Descent.Cli.Commands;

/// <summary>
/// <c>descent import --from FILE.pt --out FILE.safetensors</c>: converts a PyTorch module state dict into a
/// safetensors file, reading the pickle without executing anything (docs/pt-files.md).
/// </summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "The .pt file written by torch.save(model.state_dict(), …).", Required = true };
        var output = new Option<string>("--out") { Description = "The safetensors file to write.", Required = true };
        var command = new Command("import", "Convert a PyTorch .pt state dict into a safetensors file (never runs code from the file).") { from, output };
        command.SetAction(parse => DescentCommand.Run(parse, () =>
        {
            string source = parse.GetValue(from)!;
            string path = OutputFolder.PrepareFor(parse.GetValue(output)!);
            int count = PtConversions.ImportToSafeTensors(source, path);
            AnsiConsole.WriteLine($"imported {count} tensors from {source} into {path}");
            return 0;
        }));
        return command;
    }
}
