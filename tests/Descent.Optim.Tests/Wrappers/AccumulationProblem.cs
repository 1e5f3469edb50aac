using System.Text.Json;
using Descent.Optim.Tests.Support;

namespace Descent.Optim.Tests.Wrappers;

/// <summary>The tanh network and data of <c>tools/reference/accumulation.py</c>, read from its fixture.</summary>
internal static class AccumulationProblem
{
    public static readonly JsonElement Fixture = JsonDocument.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "accumulation.json"))).RootElement;

    public static int K => Fixture.GetProperty("k").GetInt32();

    public static int B => Fixture.GetProperty("b").GetInt32();

    public static int Steps => Fixture.GetProperty("steps").GetInt32();

    private static readonly Tensor s_x = FixtureTensor.Parse(Fixture.GetProperty("x")).ToTensor();
    private static readonly Tensor s_y = FixtureTensor.Parse(Fixture.GetProperty("y")).ToTensor();

    public static Parameter[] InitialParameters() =>
        Fixture.GetProperty("initial").EnumerateArray().Select(e => new Parameter(FixtureTensor.Parse(e).ToTensor())).ToArray();

    /// <summary>Gradients of the mean squared error of rows [start, start + count) at the parameters.</summary>
    public static void Backward(Parameter[] p, int start, int count)
    {
        foreach (Parameter q in p)
        {
            q.Grad = null;
        }
        Tensor x = s_x.Narrow(0, start, count);
        Tensor y = s_y.Narrow(0, start, count);
        Tensor h = (x.MatMul(p[0].T) + p[1]).Tanh();
        (h.MatMul(p[2].T) + p[3] - y).Square().Mean().Backward();
    }

    public static Optimizer Create(string name, Parameter[] p) =>
        name == "adam" ? new Adam(p, lr: 0.05) : new SGD(p, lr: 0.1, momentum: 0.9);
}
