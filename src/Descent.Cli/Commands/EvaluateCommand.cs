using System.CommandLine;
using Descent.Cli.Arguments;
using Descent.Training;
using Spectre.Console;

namespace Descent.Cli.Commands;

/// <summary><c>descent evaluate</c>: scores a saved model on a labelled CSV file and prints the measures table.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "The model: model.safetensors, or the folder 'descent train' wrote it to.", Required = true };
        var data = new Option<string>("--data") { Description = "CSV file with the model's feature columns and its target column.", Required = true };
        var measures = new Option<string?>("--measures")
        {
            Description = "Measures to score, e.g. logloss,acc,auc (default: logloss,acc for classification, mse,rmse for regression).",
        };
        var command = new Command("evaluate", "Score a model saved by 'descent train' on a labelled CSV file.");
        command.Options.Add(model);
        command.Options.Add(data);
        command.Options.Add(measures);
        command.SetAction(parse => DescentCommand.Run(parse, () =>
        {
            SavedModel m = ModelPath.Load(parse.GetValue(model)!);
            Measure[] list = LearnerArguments.MeasureList(parse.GetValue(measures), m.IsClassifier);
            string dataPath = parse.GetValue(data)!;
            (FileStream file, TextReader reader) = ModelPath.OpenCsv(dataPath);
            Prediction prediction;
            using (file)
            using (reader)
            {
                prediction = ModelCsv.Evaluate(m, reader, Path.GetFileName(dataPath));
            }
            var table = new Table().Title($"{m.LearnerId} on {Markup.Escape(Path.GetFileName(dataPath))}: {prediction.NRow} rows")
                .AddColumn("measure").AddColumn("value");
            foreach (Measure measure in list)
            {
                double score;
                try
                {
                    score = measure.Score(prediction);
                }
                catch (ArgumentException e)
                {
                    throw new ArgumentException($"--measures: {measure.Id}: {DescentCommand.OneLine(e)}", e);
                }
                table.AddRow(Markup.Escape(measure.Id), Training.Progress.Format(score));
            }
            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }
}
