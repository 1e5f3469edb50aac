using System.Text.Json;
using Descent.IO;
using Descent.NN;
using Descent.Training;
using Google.Protobuf;
using Onnx;

namespace Descent.Interop.Onnx;

/// <summary>
/// Writes a <see cref="SavedModel"/> as an ONNX model that ONNX Runtime and other ONNX tools run: input
/// <c>features</c> [N, p] (columns in <see cref="SavedModel.FeatureNames"/> order), the standardization as a first
/// <c>Sub</c> and <c>Div</c>, one <c>Gemm</c> per linear layer with the activation after each hidden one, and a final
/// <c>Softmax</c>: output <c>probabilities</c> [N, classes] for a classifier, <c>response</c> [N, 1] for a regressor.
/// </summary>
/// <remarks>
/// Opset 17 (IR version 8), which ONNX Runtime has run since 1.13. GELU is written as x·(1 + erf(x/√2))/2, as
/// opset 17 has no <c>Gelu</c> operator. The feature names, class names, target and task type are stored in the
/// model's metadata, so that a consumer can order its columns and read the probabilities. The ONNX messages are
/// OnnxSharp's classes, generated from ONNX's own <c>onnx.proto</c> on Google.Protobuf: the wire format comes from
/// maintained code, and no copy of the schema or build-time protoc step lives in this repository.
/// </remarks>
public static class OnnxExport
{
    /// <summary>The ONNX operator set the exported graph uses.</summary>
    public const long Opset = 17;

    private const long IrVersion = 8;

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> as ONNX, atomically.</summary>
    /// <exception cref="IOException">The file cannot be written; a previous file at the path is unchanged.</exception>
    public static void Save(SavedModel model, string path)
    {
        ModelProto proto = ToOnnx(model);
        AtomicFile.Write(path, stream => proto.WriteTo(stream));
    }

    /// <summary>The ONNX model of <paramref name="model"/>.</summary>
    public static ModelProto ToOnnx(SavedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var graph = new OnnxGraph(model.LearnerId);
        int p = model.FeatureNames.Count;
        string x = graph.Input("features", p);
        if (model.Standardization is { } s)
        {
            string mean = graph.Constant("standardization.mean", [.. s.Mean], p);
            string sd = graph.Constant("standardization.sd", [.. s.Sd], p);
            x = graph.Node("Div", [graph.Node("Sub", [x, mean], "centered"), sd], "standardized");
        }
        IReadOnlyList<Linear> layers = model.Layers;
        for (int i = 0; i < layers.Count; i++)
        {
            Linear layer = layers[i];
            string weight = graph.Constant($"layers.{i}.weight", layer.Weight.AsReadOnlySpan(), layer.OutFeatures, layer.InFeatures);
            string[] inputs = layer.Bias is { } bias
                ? [x, weight, graph.Constant($"layers.{i}.bias", bias.AsReadOnlySpan(), layer.OutFeatures)]
                : [x, weight];
            // The weight is [out, in] as in PyTorch, so Gemm computes x·Wᵀ + b with transB.
            x = graph.Node("Gemm", inputs, $"linear_{i}", OnnxGraph.Int("transB", 1));
            if (i < layers.Count - 1)
            {
                x = ActivationNodes(graph, model.Activation, x, i);
            }
        }
        if (model.IsClassifier)
        {
            graph.Output(graph.Node("Softmax", [x], "probabilities", OnnxGraph.Int("axis", 1)), model.ClassNames.Count);
        }
        else
        {
            graph.Output(graph.Node("Identity", [x], "response"), 1);
        }

        var proto = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "Descent",
            ProducerVersion = model.DescentVersion,
            DocString = $"{model.LearnerId} exported by Descent {SavedModel.CurrentVersion}",
            Graph = graph.Proto,
        };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        Metadata(proto, "descent.task_type", model.TaskType);
        Metadata(proto, "descent.target", model.TargetName);
        Metadata(proto, "descent.features", JsonSerializer.Serialize(model.FeatureNames));
        if (model.IsClassifier)
        {
            Metadata(proto, "descent.classes", JsonSerializer.Serialize(model.ClassNames));
        }
        if (model.PositiveClass is not null)
        {
            Metadata(proto, "descent.positive", model.PositiveClass);
        }
        return proto;
    }

    /// <summary>The activation module <paramref name="activation"/> as ONNX nodes, with PyTorch's default parameters.</summary>
    private static string ActivationNodes(OnnxGraph graph, Activation activation, string x, int layer)
    {
        string name = $"hidden_{layer}";
        switch (activation)
        {
            case Training.Activation.ReLU:
                return graph.Node("Relu", [x], name);
            case Training.Activation.Tanh:
                return graph.Node("Tanh", [x], name);
            case Training.Activation.Sigmoid:
                return graph.Node("Sigmoid", [x], name);
            case Training.Activation.LeakyReLU:
                return graph.Node("LeakyRelu", [x], name, OnnxGraph.Float("alpha", (float)new LeakyReLU().NegativeSlope));
            case Training.Activation.ELU:
                return graph.Node("Elu", [x], name, OnnxGraph.Float("alpha", (float)new ELU().Alpha));
            case Training.Activation.GELU:
                string sqrt2 = graph.Constant($"gelu_{layer}.sqrt2", [MathF.Sqrt(2f)]);
                string one = graph.Constant($"gelu_{layer}.one", [1f]);
                string half = graph.Constant($"gelu_{layer}.half", [0.5f]);
                string erf = graph.Node("Erf", [graph.Node("Div", [x, sqrt2])]);
                return graph.Node("Mul", [graph.Node("Mul", [x, graph.Node("Add", [erf, one])]), half], name);
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, $"ONNX export does not know the activation {activation}.");
        }
    }

    private static void Metadata(ModelProto proto, string key, string value) =>
        proto.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
}
