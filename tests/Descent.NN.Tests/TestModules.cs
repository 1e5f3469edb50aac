namespace Descent.NN.Tests;

/// <summary>A hand-written module with a parameter of its own, a persistent and a non-persistent buffer, and named children.</summary>
internal sealed class ScaledNet : Module
{
    public ScaledNet(Generator? generator = null)
    {
        Fc1 = RegisterModule("fc1", new Linear(4, 3, generator: generator));
        Scale = RegisterParameter("scale", new Parameter(Tensor.Ones(1)));
        Running = RegisterBuffer("running", Tensor.Zeros(2));
        Scratch = RegisterBuffer("scratch", Tensor.Zeros(2), persistent: false);
        Act = RegisterModule("act", new ReLU());
        Fc2 = RegisterModule("fc2", new Linear(3, 2, generator: generator));
    }

    public Linear Fc1 { get; }

    public Parameter Scale { get; }

    public Tensor Running { get; }

    public Tensor Scratch { get; }

    public ReLU Act { get; }

    public Linear Fc2 { get; }

    public override Tensor Forward(Tensor input) => Fc2.Forward(Act.Forward(Fc1.Forward(input))) * Scale;
}
