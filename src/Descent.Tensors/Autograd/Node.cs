namespace Descent;

/// <summary>Maps the gradient of a node's output to one gradient per input (null where none flows).</summary>
/// <param name="grad">The gradient with respect to the node's output, shaped like the output.</param>
/// <param name="node">The node, for its inputs and output.</param>
internal delegate Tensor?[] BackwardFunction(Tensor grad, Node node);

/// <summary>One recorded operation in the autograd graph: its inputs and the rule that maps gradients back.</summary>
public sealed class Node
{
    private BackwardFunction? _backward;
    private Tensor? _output;

    internal Node(string name, Tensor[] inputs, Tensor output, BackwardFunction backward)
    {
        Name = name;
        Inputs = inputs;
        _output = output;
        _backward = backward;
    }

    /// <summary>The operation's name as PyTorch prints it, e.g. <c>MulBackward0</c>.</summary>
    public string Name { get; private set; }

    internal Tensor[] Inputs { get; }

    /// <summary>The output tensor; only valid while the graph is not freed.</summary>
    internal Tensor Output => _output ?? throw FreedError();

    internal bool IsReleased => _backward is null;

    internal Tensor?[] Apply(Tensor grad)
    {
        BackwardFunction backward = _backward ?? throw FreedError();
        return backward(grad, this);
    }

    /// <summary>Relabels an op built from other ops with the name PyTorch shows for it (see <see cref="Tensor.Named"/>).</summary>
    internal void Rename(string name) => Name = name;

    /// <summary>Frees what the backward rule holds, as PyTorch frees saved tensors after backward.</summary>
    internal void Release()
    {
        _backward = null;
        _output = null;
    }

    /// <inheritdoc/>
    public override string ToString() => $"<{Name}>";

    private InvalidOperationException FreedError() => new(
        $"Trying to backward through the graph a second time ({Name} was already freed). " +
        "Pass retainGraph: true to the first Backward call if you need to backward through the graph again.");
}
