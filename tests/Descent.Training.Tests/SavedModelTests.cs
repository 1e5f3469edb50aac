using System.Globalization;
using System.Text;
using Descent.IO;

namespace Descent.Training.Tests;

/// <summary>The saved model: what it records, how it round-trips, and how it predicts CSV files row by row.</summary>
public sealed class SavedModelTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("descent-model-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (MlpClassifier Learner, TrainedModel Model) Iris()
    {
        var learner = new MlpClassifier
        {
            Neurons = [8], Epochs = 3, Seed = 7, Standardize = true, Activation = Activation.Tanh, PredictType = PredictType.Prob,
            OptimizerOptions = { ["lr"] = 0.02 },
        };
        return (learner, learner.Train(Tasks.Iris()));
    }

    /// <summary>A task as CSV text: its features in <paramref name="order"/>, an unused text column, and the target.</summary>
    internal static string Csv(SupervisedTask task, IReadOnlyList<string> order)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', order).Append(",note,").Append(task.TargetName).Append('\n');
        for (int i = 0; i < task.NRow; i++)
        {
            foreach (string name in order)
            {
                int j = task.FeatureNames.ToList().IndexOf(name);
                sb.Append(task.FeatureData[i * task.NFeatures + j].ToString("R", CultureInfo.InvariantCulture)).Append(',');
            }
            sb.Append("\"row, text\",");
            sb.Append(task is ClassificationTask c ? c.ClassNames[c.Classes[i]] : ((RegressionTask)task).Targets[i].ToString("R", CultureInfo.InvariantCulture));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    [Fact]
    public void ASavedClassifierLoadsWithItsDescriptionAndPredictsExactlyAsTheLearner()
    {
        (MlpClassifier learner, TrainedModel model) = Iris();
        string path = Path.Combine(_dir, "model.safetensors");
        model.Save(path);
        SavedModel loaded = SavedModel.Load(path);

        Assert.Equal("classif.mlp", loaded.LearnerId);
        Assert.Equal("classif", loaded.TaskType);
        Assert.Equal(Tasks.Iris().FeatureNames, loaded.FeatureNames);
        Assert.Equal(Tasks.Iris().ClassNames, loaded.ClassNames);
        Assert.Equal(Tasks.Iris().TargetName, loaded.TargetName);
        Assert.Equal(Activation.Tanh, loaded.Activation);
        Assert.Equal(model.Standardization!.Mean, loaded.Standardization!.Mean);
        Assert.Equal(model.Standardization.Sd, loaded.Standardization.Sd);
        Assert.Equal("0.02", loaded.Settings["lr"]);
        Assert.Equal(SavedModel.CurrentVersion, loaded.DescentVersion);

        var expected = (ClassificationPrediction)learner.Predict(Tasks.Iris());
        var actual = (ClassificationPrediction)loaded.Predict(Tasks.Iris());
        Assert.Equal(expected.Response, actual.Response);
        for (int i = 0; i < expected.NRow; i++)
        {
            for (int c = 0; c < 3; c++)
            {
                Assert.Equal(expected.Prob(i, c), actual.Prob(i, c));
            }
        }
    }

    [Fact]
    public void ASavedRegressorPredictsExactlyAsTheLearner()
    {
        var learner = new MlpRegressor { Neurons = [6, 4], Epochs = 4, Seed = 3, Standardize = true, Activation = Activation.GELU };
        TrainedModel model = learner.Train(Tasks.Mtcars());
        string path = Path.Combine(_dir, "regr.safetensors");
        model.Save(path);
        SavedModel loaded = SavedModel.Load(path);
        Assert.Equal("regr", loaded.TaskType);
        Assert.Empty(loaded.ClassNames);
        Assert.Equal(((RegressionPrediction)learner.Predict(Tasks.Mtcars())).Response, ((RegressionPrediction)loaded.Predict(Tasks.Mtcars())).Response);
    }

    [Fact]
    public void PredictingACsvWritesOneRowPerInputRowInOrderWithProbabilitiesThatSumToOne()
    {
        (MlpClassifier learner, TrainedModel model) = Iris();
        ClassificationTask iris = Tasks.Iris();
        string csv = Csv(iris, iris.FeatureNames.Reverse().ToArray());
        var output = new StringWriter();
        long rows = ModelCsv.Predict(model.SavedModel, new StringReader(csv), "iris.csv", output);

        Assert.Equal(iris.NRow, rows);
        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["row_id", "response", .. iris.ClassNames.Select(c => "prob." + c)], lines[0].Split(','));
        Assert.Equal(iris.NRow + 1, lines.Length);
        var expected = (ClassificationPrediction)learner.Predict(iris);
        for (int i = 0; i < iris.NRow; i++)
        {
            string[] f = lines[i + 1].Split(',');
            Assert.Equal((i + 1).ToString(CultureInfo.InvariantCulture), f[0]);
            Assert.Equal(iris.ClassNames[expected.Response[i]], f[1]);
            float[] p = f[2..].Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(1.0, p.Sum(v => (double)v), 5);
            for (int c = 0; c < 3; c++)
            {
                Assert.Equal(expected.Prob(i, c), p[c]);
            }
        }
    }

    [Fact]
    public void EvaluatingALabelledCsvScoresAsTheLearnersOwnPrediction()
    {
        (MlpClassifier learner, TrainedModel model) = Iris();
        ClassificationTask iris = Tasks.Iris();
        Prediction fromCsv = ModelCsv.Evaluate(model.SavedModel, new StringReader(Csv(iris, iris.FeatureNames)), "iris.csv");
        Prediction own = learner.Predict(iris);
        Assert.Equal(Measures.LogLoss.Score(own), Measures.LogLoss.Score(fromCsv));
        Assert.Equal(Measures.Accuracy.Score(own), Measures.Accuracy.Score(fromCsv));
    }

    [Fact]
    public void EvaluatingARegressionCsvScoresAsTheLearnersOwnPrediction()
    {
        var learner = new MlpRegressor { Neurons = [8], Epochs = 3, Seed = 2, Standardize = true };
        SavedModel model = learner.Train(Tasks.Mtcars()).SavedModel;
        RegressionTask mtcars = Tasks.Mtcars();
        Prediction fromCsv = ModelCsv.Evaluate(model, new StringReader(Csv(mtcars, mtcars.FeatureNames.Reverse().ToArray())), "mtcars.csv");
        Prediction own = learner.Predict(mtcars);
        Assert.Equal(Measures.Rsq.Score(own), Measures.Rsq.Score(fromCsv));
        Assert.Equal(Measures.Mse.Score(own), Measures.Mse.Score(fromCsv));
        string bad = "mpg,cyl,disp,hp,drat,wt,qsec,vs,am,gear,carb\nfast,6,160,110,3.9,2.62,16.46,0,1,4,4\n";
        var e = Assert.Throws<InvalidDataException>(() => ModelCsv.Evaluate(model, new StringReader(bad), "cars.csv"));
        Assert.Equal("cars.csv, row 1 (line 2), column 'mpg': 'fast' is not a number (a regression target).", e.Message);
    }

    [Theory]
    [InlineData("Sepal.Length,Petal.Length,Petal.Width\n1,2,3\n", "iris.csv: no column 'Sepal.Width', which the model needs (columns: Sepal.Length, Petal.Length, Petal.Width).")]
    [InlineData("Sepal.Length,Sepal.Width,Petal.Length,Petal.Width\n1,2,3,4\n1,2,x,4\n", "iris.csv, row 2 (line 3), column 'Petal.Length': 'x' is not a number (features must be numeric).")]
    [InlineData("Sepal.Length,Sepal.Width,Petal.Length,Petal.Width\n1,,3,4\n", "iris.csv, row 1 (line 2), column 'Sepal.Width': missing value.")]
    [InlineData("Sepal.Length,Sepal.Width,Petal.Length,Petal.Width\n1,2,3\n", "iris.csv, line 2: 3 fields, but the header has 4 columns.")]
    [InlineData("Sepal.Length,Sepal.Width,Petal.Length,Petal.Width\n", "iris.csv: the file has a header but no data rows.")]
    [InlineData("", "iris.csv: the file is empty; expected a header row of column names.")]
    public void BadCsvInputIsRefusedWithOneLineNamingTheProblem(string csv, string message)
    {
        (_, TrainedModel model) = Iris();
        var e = Assert.Throws<InvalidDataException>(() => ModelCsv.Predict(model.SavedModel, new StringReader(csv), "iris.csv", new StringWriter()));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void AnUnknownClassInALabelledFileIsRefused()
    {
        (_, TrainedModel model) = Iris();
        string csv = "Sepal.Length,Sepal.Width,Petal.Length,Petal.Width,Species\n1,2,3,4,setosa\n1,2,3,4,rose\n";
        var e = Assert.Throws<InvalidDataException>(() => ModelCsv.Evaluate(model.SavedModel, new StringReader(csv), "f.csv"));
        Assert.Equal("f.csv, row 2 (line 3), column 'Species': 'rose' is not a class the model knows (setosa, versicolor, virginica).", e.Message);
    }

    [Fact]
    public void ADamagedFileOrAnotherKindOfDescentFileIsRefused()
    {
        (_, TrainedModel model) = Iris();
        string path = Path.Combine(_dir, "model.safetensors");
        model.Save(path);
        byte[] bytes = File.ReadAllBytes(path);
        bytes[^3] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        var damaged = Assert.Throws<TensorFileException>(() => SavedModel.Load(path));
        Assert.Contains("checksum does not match", damaged.Message);

        string modulePath = Path.Combine(_dir, "module.safetensors");
        model.Network.Save(modulePath);
        var module = Assert.Throws<TensorFileException>(() => SavedModel.Load(modulePath));
        Assert.Contains("it is a Descent module file, not a model file", module.Message);
    }

    [Fact]
    public void PredictionStreamsTheInputAChunkAtATime()
    {
        (_, TrainedModel model) = Iris();
        var input = new CountingRows("Sepal.Length,Sepal.Width,Petal.Length,Petal.Width\n", "5.1,3.5,1.4,0.2\n", rows: 50_000);
        var output = new FirstWrite(input);
        Assert.Equal(50_000, ModelCsv.Predict(model.SavedModel, input, "big.csv", output));
        // The first predictions are written after one chunk of rows, long before the end of the input.
        Assert.InRange(output.RowsReadAtFirstRow, 1, 10_000);
    }

    /// <summary>A header and the same row many times, counting the lines handed out.</summary>
    private sealed class CountingRows(string header, string row, int rows) : TextReader
    {
        public int LinesRead { get; private set; }

        public override string? ReadLine()
        {
            LinesRead++;
            return LinesRead == 1 ? header.TrimEnd('\n') : LinesRead <= rows + 1 ? row.TrimEnd('\n') : null;
        }
    }

    /// <summary>Records how many input rows had been read when the first prediction row was written.</summary>
    private sealed class FirstWrite(CountingRows input) : StringWriter
    {
        public int RowsReadAtFirstRow { get; private set; } = -1;

        // Prediction rows arrive as StringBuilders (the header as strings).
        public override void Write(StringBuilder? value)
        {
            if (RowsReadAtFirstRow < 0)
            {
                RowsReadAtFirstRow = input.LinesRead - 1;
            }
        }
    }
}
