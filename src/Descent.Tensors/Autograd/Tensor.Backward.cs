using System.Numerics.Tensors;

namespace Descent;

public partial class Tensor
{
    /// <summary>
    /// Computes the gradient of this scalar with respect to every leaf that requires grad and adds it
    /// (<c>+=</c>) to each leaf's <see cref="Grad"/>.
    /// </summary>
    /// <param name="retainGraph">Keep the graph so that Backward can run through it again.</param>
    public void Backward(bool retainGraph = false)
    {
        if (_data.Length != 1)
        {
            throw new InvalidOperationException(
                $"Backward() without a gradient needs a scalar output, but this tensor has shape {ShapeUtil.Format(_shape)}; pass the gradient explicitly.");
        }
        Backward(Ones(_shape), retainGraph);
    }

    /// <summary>
    /// Back-propagates <paramref name="gradient"/> (the gradient of some scalar with respect to this tensor)
    /// and adds the result to the <see cref="Grad"/> of every leaf that requires grad.
    /// </summary>
    public void Backward(Tensor gradient, bool retainGraph = false)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        if (!_requiresGrad)
        {
            throw new InvalidOperationException("Backward() on a tensor that does not require grad and has no GradFn.");
        }
        if (!ShapeUtil.SameShape(gradient._shape, _shape))
        {
            throw new ArgumentException(
                $"Backward: gradient of shape {ShapeUtil.Format(gradient._shape)} for a tensor of shape {ShapeUtil.Format(_shape)}.");
        }

        using var scope = Autograd.NoGrad();
        if (GradFn is null)
        {
            AccumulateGrad(this, gradient);
            return;
        }

        List<Node> order = TopologicalOrder(GradFn);
        var grads = new Dictionary<Node, Tensor>(ReferenceEqualityComparer.Instance) { [GradFn] = gradient };
        try
        {
            foreach (Node node in order)
            {
                if (!grads.Remove(node, out Tensor? grad))
                {
                    continue;
                }
                Tensor?[] inputGrads = node.Apply(grad);
                for (int i = 0; i < node.Inputs.Length; i++)
                {
                    Tensor input = node.Inputs[i];
                    Tensor? g = inputGrads[i];
                    if (g is null || !input._requiresGrad)
                    {
                        continue;
                    }
                    g = g.SumToShape(input._shape);
                    if (input.GradFn is { } producer)
                    {
                        grads[producer] = grads.TryGetValue(producer, out Tensor? sum) ? sum + g : g;
                    }
                    else
                    {
                        AccumulateGrad(input, g);
                    }
                }
            }
        }
        finally
        {
            if (!retainGraph)
            {
                foreach (Node node in order)
                {
                    node.Release();
                }
            }
        }
    }

    private static void AccumulateGrad(Tensor leaf, Tensor g)
    {
        if (leaf._grad is null)
        {
            // A gradient a backward rule made for this input alone becomes the leaf's; any other may share its
            // buffer with another gradient or with the graph, so the leaf gets its own copy.
            leaf._grad = g._freshGradient
                ? new Tensor(g._data, leaf._shape)
                : new Tensor(Copy(g._data), leaf._shape);
        }
        else
        {
            TensorPrimitives.Add(leaf._grad._data, g._data, leaf._grad._data);
        }
    }

    private static float[] Copy(float[] data)
    {
        float[] copy = TensorArena.Rent(data.Length);
        data.CopyTo(copy, 0);
        return copy;
    }

    /// <summary>Nodes reachable from <paramref name="root"/>, each after every node that consumes its output.</summary>
    private static List<Node> TopologicalOrder(Node root)
    {
        var postOrder = new List<Node>();
        var visited = new HashSet<Node>(ReferenceEqualityComparer.Instance) { root };
        var stack = new Stack<(Node Node, int NextInput)>();
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            (Node node, int next) = stack.Pop();
            if (next < node.Inputs.Length)
            {
                stack.Push((node, next + 1));
                if (node.Inputs[next].GradFn is { } child && visited.Add(child))
                {
                    stack.Push((child, 0));
                }
            }
            else
            {
                postOrder.Add(node);
            }
        }
        postOrder.Reverse();
        return postOrder;
    }

    /// <summary>
    /// The destination of an element-wise backward rule that maps this incoming gradient to its input's gradient:
    /// this tensor itself when a rule made it for its input alone (nothing else holds it, so it may be overwritten),
    /// else a new one. Either way the result belongs to the input alone. In the spam model's training step this spares
    /// two of the step's fourteen activation-sized buffers.
    /// </summary>
    internal Tensor ReuseOrNew() =>
        _freshGradient ? this : new Tensor(TensorArena.Rent(_data.Length), _shape) { _freshGradient = true };

    /// <summary>Sums a broadcast gradient back to <paramref name="shape"/>: the one place broadcasting is undone.</summary>
    internal Tensor SumToShape(int[] shape)
    {
        if (ShapeUtil.SameShape(_shape, shape))
        {
            return this;
        }
        var result = TensorArena.Rent(ShapeUtil.NumElements(shape));
        Kernels.Broadcast.SumTo(_data, _shape, result, shape);
        return new Tensor(result, shape);
    }
}
