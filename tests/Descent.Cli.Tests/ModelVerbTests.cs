using System.Globalization;
using System.Text;
using Descent.Training;
using Onnx;

namespace Descent.Cli.Tests;

/// <summary>One spam model trained by the real binary, shared by the tests of predict, evaluate and export.</summary>
public sealed class SpamRun : IDisposable
{
    public SpamRun()
    {
        (int code, _, string error) = DescentProcess.Run(Dir, "train", "--task", "spam", "--epochs", "2", "--neurons", "16", "--standardize",
            "--quiet", "--out", "run");
        Assert.True(code == 0, error);
        ClassificationTask spam = Tasks.Spam();
        float[] x = spam.Features().ToArray();
        File.WriteAllText(Path.Combine(Dir, "spam.csv"), Csv(spam, spam.NRow, (i, j) => Number(x, spam.NFeatures, i, j)));
    }

    public string Dir { get; } = Directory.CreateTempSubdirectory("descent-model-").FullName;

    public void Dispose() => Directory.Delete(Dir, recursive: true);

    /// <summary>The spam rows as CSV: the features in reverse order, an unused text column, then the target.</summary>
    public static string Csv(ClassificationTask task, int rows, Func<int, int, string> cell)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', task.FeatureNames.Reverse()).Append(",comment,").Append(task.TargetName).Append('\n');
        for (int i = 0; i < rows; i++)
        {
            for (int j = task.NFeatures - 1; j >= 0; j--)
            {
                sb.Append(cell(i, j)).Append(',');
            }
            sb.Append("\"free text, ignored\",").Append(task.ClassNames[task.Classes[i]]).Append('\n');
        }
        return sb.ToString();
    }

    public static string Number(float[] features, int width, int i, int j) =>
        features[i * width + j].ToString("R", CultureInfo.InvariantCulture);
}

/// <summary><c>predict</c>, <c>evaluate</c> and <c>export</c> end to end on the real binary, and their refusals (docs/errors.md).</summary>
public sealed class ModelVerbTests(SpamRun run) : IClassFixture<SpamRun>
{
    private (int Code, string Output, string Error) Descent(params string[] args) => DescentProcess.Run(run.Dir, args);

    private string In(string name) => Path.Combine(run.Dir, name);

    [Fact]
    public void PredictWritesOneRowPerInputRowAndItsAccuracyIsTheModelsOwn()
    {
        (int code, string output, string error) = Descent("predict", "--model", "run", "--data", "spam.csv", "--out", "out/spam-pred.csv");
        Assert.True(code == 0, error);
        Assert.Contains("(4601 rows)", output);
        ClassificationTask spam = Tasks.Spam();
        string[][] rows = File.ReadAllLines(In("out/spam-pred.csv")).Select(l => l.Split(',')).ToArray();
        Assert.Equal(["row_id", "response", .. spam.ClassNames.Select(c => "prob." + c)], rows[0]);
        Assert.Equal(spam.NRow + 1, rows.Length);
        int correct = 0;
        for (int i = 0; i < spam.NRow; i++)
        {
            string[] r = rows[i + 1];
            Assert.Equal((i + 1).ToString(CultureInfo.InvariantCulture), r[0]);
            double sum = r[2..].Sum(v => double.Parse(v, CultureInfo.InvariantCulture));
            Assert.InRange(sum, 1 - 1e-5, 1 + 1e-5);
            correct += r[1] == spam.ClassNames[spam.Classes[i]] ? 1 : 0;
        }
        // The model file loaded in the library scores the same rows the same way.
        SavedModel model = SavedModel.Load(In("run/model.safetensors"));
        double accuracy = Measures.Accuracy.Score(model.Predict(spam));
        Assert.Equal(accuracy, correct / (double)spam.NRow, 12);
        Assert.True(accuracy > 0.8, $"accuracy {accuracy}");
    }

    [Fact]
    public void EvaluatePrintsTheMeasuresOfTheLabelledFile()
    {
        (int code, string output, string error) = Descent("evaluate", "--model", "run/model.safetensors", "--data", "spam.csv", "--measures", "acc,auc,logloss");
        Assert.True(code == 0, error);
        SavedModel model = SavedModel.Load(In("run/model.safetensors"));
        Prediction prediction = model.Predict(Tasks.Spam());
        foreach (Measure m in new[] { Measures.Accuracy, Measures.Auc, Measures.LogLoss })
        {
            Assert.Contains(m.Id, output);
            Assert.Contains(Training.Progress.Format(m.Score(prediction)), output);
        }
        Assert.Contains("4601 rows", output);
    }

    [Fact]
    public void ExportWritesAnOnnxModelOfTheNetwork()
    {
        (int code, string output, string error) = Descent("export", "--model", "run", "--format", "onnx", "--out", "spam.onnx");
        Assert.True(code == 0, error);
        Assert.Contains("wrote spam.onnx", output);
        ModelProto proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(In("spam.onnx")));
        Assert.Equal(["Sub", "Div", "Gemm", "Relu", "Gemm", "Softmax"], proto.Graph.Node.Select(n => n.OpType));
        Assert.Equal("probabilities", proto.Graph.Output.Single().Name);
    }

    [Fact]
    public void AMissingColumnIsRefusedByName()
    {
        File.WriteAllText(In("missing.csv"), "word_freq_make,capital_run_length_total\n1,2\n");
        string line = DescentProcess.AssertOneLineError(Descent("predict", "--model", "run", "--data", "missing.csv", "--out", "missing-pred.csv"), 1);
        Assert.StartsWith("descent: error: missing.csv: no column '", line);
        Assert.Contains("which the model needs (columns: word_freq_make, capital_run_length_total)", line);
        Assert.False(File.Exists(In("missing-pred.csv")));
    }

    [Fact]
    public void ANonNumericCellIsRefusedNamingItsColumnAndRow()
    {
        ClassificationTask spam = Tasks.Spam();
        string column = spam.FeatureNames[5];
        float[] x = spam.Features().ToArray();
        File.WriteAllText(In("text.csv"), SpamRun.Csv(spam, 4, (i, j) => i == 2 && j == 5 ? "lots" : SpamRun.Number(x, spam.NFeatures, i, j)));
        foreach (string verb in new[] { "predict", "evaluate" })
        {
            string[] args = verb == "predict"
                ? ["predict", "--model", "run", "--data", "text.csv", "--out", "text-pred.csv"]
                : ["evaluate", "--model", "run", "--data", "text.csv"];
            string line = DescentProcess.AssertOneLineError(Descent(args), 1);
            Assert.Equal($"descent: error: text.csv, row 3 (line 4), column '{column}': 'lots' is not a number (features must be numeric).", line);
        }
        Assert.False(File.Exists(In("text-pred.csv")));
    }

    [Fact]
    public void AFileThatIsNotAModelIsRefused()
    {
        string checkpoint = DescentProcess.AssertOneLineError(Descent("predict", "--model", "run/checkpoint.safetensors", "--data", "spam.csv", "--out", "p.csv"), 1);
        Assert.Contains("it is a Descent checkpoint file, not a model file", checkpoint);
        File.WriteAllText(In("junk.safetensors"), "not a model");
        DescentProcess.AssertOneLineError(Descent("evaluate", "--model", "junk.safetensors", "--data", "spam.csv"), 1);
        Directory.CreateDirectory(In("empty-run"));
        string folder = DescentProcess.AssertOneLineError(Descent("export", "--model", "empty-run", "--out", "x.onnx"), 1);
        Assert.Equal("descent: error: --model 'empty-run': the folder holds no model.safetensors (descent train writes one).", folder);
        Assert.False(File.Exists(In("p.csv")));
    }

    [Fact]
    public void BadArgumentsExitWithTwo()
    {
        string format = DescentProcess.AssertOneLineError(Descent("export", "--model", "run", "--format", "tflite", "--out", "m.x"), 2);
        Assert.Equal("descent: error: --format: expected onnx or pt, got 'tflite'.", format);
        string measure = DescentProcess.AssertOneLineError(Descent("evaluate", "--model", "run", "--data", "spam.csv", "--measures", "rsq"), 2);
        Assert.StartsWith("descent: error: --measures: ", measure);
        DescentProcess.AssertOneLineError(Descent("predict", "--model", "run", "--data", "spam.csv"), 2);
    }
}
