using System.CommandLine;
using System.Text;
using Descent.IO;
using Descent.Training;
using Spectre.Console;

namespace Descent.Cli.Commands;

/// <summary>
/// <c>descent predict</c>: predicts every row of a CSV file with a saved model and writes one row per input row, in
/// input order (<c>row_id</c>, <c>response</c>, and <c>prob.&lt;class&gt;</c> for a classifier). The file is read a
/// chunk at a time, so its size does not change the memory used; a terminal shows a progress bar.
/// </summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "The model: model.safetensors, or the folder 'descent train' wrote it to.", Required = true };
        var data = new Option<string>("--data") { Description = "CSV file with a header row and the model's feature columns (by name; others are ignored).", Required = true };
        var output = new Option<string>("--out") { Description = "CSV file to write the predictions to.", Required = true };
        var quiet = new Option<bool>("--quiet") { Description = "No progress output." };
        var command = new Command("predict", "Predict the rows of a CSV file with a model saved by 'descent train'.");
        command.Options.Add(model);
        command.Options.Add(data);
        command.Options.Add(output);
        command.Options.Add(quiet);
        command.SetAction(parse => DescentCommand.Run(parse, () =>
        {
            SavedModel m = ModelPath.Load(parse.GetValue(model)!);
            string dataPath = parse.GetValue(data)!;
            (FileStream file, TextReader reader) = ModelPath.OpenCsv(dataPath);
            string outPath = OutputFolder.PrepareFor(parse.GetValue(output)!);
            long rows = 0;
            using (file)
            using (reader)
            {
                void Predict(Action<long>? progress) => AtomicFile.Write(outPath, stream =>
                {
                    using var writer = new StreamWriter(stream, new UTF8Encoding(false), bufferSize: 1 << 16, leaveOpen: true);
                    rows = ModelCsv.Predict(m, reader, Path.GetFileName(dataPath), writer, progress);
                });
                if (!parse.GetValue(quiet) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
                {
                    AnsiConsole.Progress()
                        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                        .Start(ctx =>
                        {
                            // The bar follows the bytes read, as the number of rows is not known before the end.
                            ProgressTask task = ctx.AddTask("predicting", maxValue: Math.Max(1, file.Length));
                            Predict(_ => task.Value = file.Position);
                            task.Value = task.MaxValue;
                        });
                }
                else
                {
                    Predict(null);
                }
            }
            Console.WriteLine($"wrote {outPath} ({rows} rows)");
            return 0;
        }));
        return command;
    }
}
