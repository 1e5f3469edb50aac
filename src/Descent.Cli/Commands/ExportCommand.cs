using System.CommandLine;
using Descent.Interop.Onnx;
using Descent.Interop.Pt;
using Descent.Training;

namespace Descent.Cli.Commands;

/// <summary>
/// <c>descent export</c>: writes a saved model for other tools: ONNX (the whole network for ONNX Runtime) or a PyTorch
/// module state dict that <c>torch.load(path, weights_only=True)</c> reads.
/// </summary>
internal static class ExportCommand
{
    /// <summary>The formats <c>--format</c> takes.</summary>
    private static readonly string[] s_formats = ["onnx", "pt"];

    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "The model: model.safetensors, or the folder 'descent train' wrote it to.", Required = true };
        var format = new Option<string>("--format") { Description = "onnx (the network for ONNX Runtime and other ONNX tools) or pt (a PyTorch state dict).", DefaultValueFactory = _ => "onnx" };
        var output = new Option<string>("--out") { Description = "The file to write, e.g. model.onnx.", Required = true };
        var command = new Command("export", "Write a model saved by 'descent train' as ONNX (or a PyTorch .pt file).");
        command.Options.Add(model);
        command.Options.Add(format);
        command.Options.Add(output);
        command.SetAction(parse => DescentCommand.Run(parse, () =>
        {
            string f = parse.GetValue(format)!.ToLowerInvariant();
            if (!s_formats.Contains(f))
            {
                throw new ArgumentException($"--format: expected {string.Join(" or ", s_formats)}, got '{parse.GetValue(format)}'.");
            }
            SavedModel m = ModelPath.Load(parse.GetValue(model)!);
            string path = OutputFolder.PrepareFor(parse.GetValue(output)!);
            Write(f, m, path);
            Console.WriteLine(f == "pt" ? $"wrote {path} (load with torch.load(path, weights_only=True))" : $"wrote {path}");
            return 0;
        }));
        return command;
    }

    /// <summary>Writes <paramref name="model"/> in <paramref name="format"/>: the one place a new format is added.</summary>
    private static void Write(string format, SavedModel model, string path)
    {
        switch (format)
        {
            case "onnx":
                OnnxExport.Save(model, path);
                break;
            case "pt":
                PtFile.WriteModuleStateDict(path, model.Network.StateDict());
                break;
            default:
                throw new ArgumentException($"--format: unknown format '{format}'.");
        }
    }
}
