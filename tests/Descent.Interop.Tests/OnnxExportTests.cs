using System.Globalization;
using System.Text;
using Descent.Interop.Onnx;
using Descent.Training;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Onnx;
using Xunit.Abstractions;

namespace Descent.Interop.Tests;

/// <summary>ONNX Runtime runs the exported network and agrees with Descent's own CSV prediction to 1e-5.</summary>
public sealed class OnnxExportTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-5;

    public static TheoryData<string, Activation, bool> Cases => new()
    {
        { "spam", Activation.ReLU, true },
        { "spam", Activation.ReLU, false },
        { "iris", Activation.Tanh, true },
        { "iris", Activation.GELU, false },
        { "iris", Activation.ELU, true },
        { "iris", Activation.LeakyReLU, true },
        { "iris", Activation.Sigmoid, false },
        { "mtcars", Activation.ReLU, true },
        { "mtcars", Activation.GELU, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void OnnxRuntimeRunsTheExportedModelAsDescentPredicts(string taskName, Activation activation, bool standardize)
    {
        SupervisedTask task = Tasks.Get(taskName);
        MlpLearner learner = task is ClassificationTask ? new MlpClassifier() : new MlpRegressor();
        learner.Neurons = [16, 8];
        learner.Epochs = 2;
        learner.Seed = 5;
        learner.Activation = activation;
        learner.Standardize = standardize;
        AssertOnnxRuntimeAgrees(learner.Train(task).SavedModel, task, $"{taskName} {activation} standardize={standardize}");
    }

    [Fact]
    public void OnnxRuntimeAgreesOnSpamTrainedWithTheCommandsDefaults()
    {
        // descent train --task spam: 100 neurons, dropout 0.1, 10 epochs of Adam, raw (unstandardized) features.
        var learner = new MlpClassifier { Neurons = [100], Epochs = 10, Seed = 1 };
        AssertOnnxRuntimeAgrees(learner.Train(Tasks.Spam()).SavedModel, Tasks.Spam(), "spam with the defaults");
    }

    private void AssertOnnxRuntimeAgrees(SavedModel model, SupervisedTask task, string label)
    {
        string taskName = task.Id;

        // What `descent predict` writes, read back: the response and, for a classifier, each class's probability.
        var csv = new StringWriter();
        ModelCsv.Predict(model, new StringReader(Csv(task)), taskName + ".csv", csv);
        string[][] rows = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToArray();
        float[] expected = rows.SelectMany(r => (model.IsClassifier ? r[2..] : r[1..2]).Select(v => float.Parse(v, CultureInfo.InvariantCulture))).ToArray();

        byte[] onnx = OnnxExport.ToOnnx(model).ToByteArray();
        float[] actual = Run(onnx, task, model.IsClassifier ? "probabilities" : "response");

        Assert.Equal(expected.Length, actual.Length);
        double maxDiff = expected.Zip(actual, (e, a) => Math.Abs((double)e - a)).Max();
        output.WriteLine($"{label}: max |onnx - predict| = {maxDiff:E2} over {actual.Length} values");
        Assert.True(maxDiff <= Tolerance, $"max abs difference {maxDiff:E3}");
        if (model.IsClassifier)
        {
            // The probabilities carry the model's decision: the same most probable class for every row.
            int k = model.ClassNames.Count;
            for (int i = 0; i < rows.Length; i++)
            {
                int best = Enumerable.Range(0, k).MaxBy(c => actual[i * k + c]);
                Assert.Equal(rows[i][1], model.ClassNames[best]);
            }
        }
    }

    [Fact]
    public void TheExportedModelNamesItsFeaturesClassesAndOperatorSet()
    {
        var learner = new MlpClassifier { Neurons = [4], Epochs = 1, Seed = 1, Standardize = true };
        SavedModel model = learner.Train(Tasks.Iris()).SavedModel;
        ModelProto proto = ModelProto.Parser.ParseFrom(OnnxExport.ToOnnx(model).ToByteArray());

        Assert.Equal(17, proto.OpsetImport.Single().Version);
        Assert.Equal(["Sub", "Div", "Gemm", "Relu", "Gemm", "Softmax"], proto.Graph.Node.Select(n => n.OpType));
        Assert.Equal("features", proto.Graph.Input.Single().Name);
        Assert.Equal("probabilities", proto.Graph.Output.Single().Name);
        var metadata = proto.MetadataProps.ToDictionary(m => m.Key, m => m.Value);
        Assert.Equal("[\"Sepal.Length\",\"Sepal.Width\",\"Petal.Length\",\"Petal.Width\"]", metadata["descent.features"]);
        Assert.Equal("[\"setosa\",\"versicolor\",\"virginica\"]", metadata["descent.classes"]);
    }

    [Fact]
    public void SavingWritesAFileOnnxRuntimeLoads()
    {
        var learner = new MlpRegressor { Neurons = [4], Epochs = 1, Seed = 1 };
        SavedModel model = learner.Train(Tasks.Mtcars()).SavedModel;
        string dir = Directory.CreateTempSubdirectory("descent-onnx-").FullName;
        try
        {
            string path = Path.Combine(dir, "model.onnx");
            OnnxExport.Save(model, path);
            using var session = new InferenceSession(path);
            Assert.Equal("features", session.InputMetadata.Keys.Single());
            Assert.Equal([-1, model.FeatureNames.Count], session.InputMetadata["features"].Dimensions);
            Assert.Single(Directory.GetFiles(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static float[] Run(byte[] onnx, SupervisedTask task, string outputName)
    {
        using var session = new InferenceSession(onnx);
        var input = new DenseTensor<float>(task.Features().ToArray(), [task.NRow, task.NFeatures]);
        using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results = session.Run([NamedOnnxValue.CreateFromTensor("features", input)]);
        return results.Single(r => r.Name == outputName).AsEnumerable<float>().ToArray();
    }

    /// <summary>The task's features as CSV, columns in reverse order (prediction matches them by name).</summary>
    private static string Csv(SupervisedTask task)
    {
        float[] x = task.Features().ToArray();
        int p = task.NFeatures;
        var sb = new StringBuilder();
        sb.AppendJoin(',', task.FeatureNames.Reverse()).Append('\n');
        for (int i = 0; i < task.NRow; i++)
        {
            sb.AppendJoin(',', Enumerable.Range(0, p).Reverse().Select(j => x[i * p + j].ToString("R", CultureInfo.InvariantCulture))).Append('\n');
        }
        return sb.ToString();
    }
}
