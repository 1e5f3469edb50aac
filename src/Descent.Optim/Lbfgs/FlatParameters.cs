using System.Numerics.Tensors;

namespace Descent.Optim;

/// <summary>
/// The parameters of an <see cref="LBFGS"/> step seen as one vector: all of them flattened and concatenated in
/// order, as PyTorch's <c>_gather_flat_grad</c> and <c>_add_grad</c> see them.
/// </summary>
internal sealed class FlatParameters(IReadOnlyList<Parameter> parameters)
{
    // Each parameter with the offset of its first element in the flat vector (computed once per optimizer).
    private readonly (Parameter P, int Offset)[] _parts = [.. parameters.Select((p, i) => (p, parameters.Take(i).Sum(q => q.NumElements)))];

    /// <summary>The number of elements over all parameters.</summary>
    public int Length { get; } = parameters.Sum(p => p.NumElements);

    /// <summary>Copies every gradient into <paramref name="flat"/>; a parameter without one contributes zeros.</summary>
    public void GatherGrad(Span<float> flat)
    {
        foreach ((Parameter p, int offset) in _parts)
        {
            Span<float> part = flat.Slice(offset, p.NumElements);
            if (p.Grad is { } grad)
            {
                grad.AsReadOnlySpan().CopyTo(part);
            }
            else
            {
                part.Clear();
            }
        }
    }

    /// <summary>θ ← θ + t·d, fused as PyTorch's vectorized <c>add_(d, alpha=t)</c> is.</summary>
    public void Add(float t, ReadOnlySpan<float> d)
    {
        using (Autograd.NoGrad())
        {
            foreach ((Parameter p, int offset) in _parts)
            {
                Span<float> theta = p.AsSpan();
                TensorPrimitives.FusedMultiplyAdd(d.Slice(offset, theta.Length), t, theta, theta);
            }
        }
    }

    /// <summary>A copy of all parameters (PyTorch's <c>_clone_param</c>).</summary>
    public float[] Snapshot()
    {
        var x = new float[Length];
        foreach ((Parameter p, int offset) in _parts)
        {
            p.AsReadOnlySpan().CopyTo(x.AsSpan(offset));
        }
        return x;
    }

    /// <summary>Sets all parameters from <paramref name="x"/> (PyTorch's <c>_set_param</c>).</summary>
    public void Restore(ReadOnlySpan<float> x)
    {
        using (Autograd.NoGrad())
        {
            foreach ((Parameter p, int offset) in _parts)
            {
                x.Slice(offset, p.NumElements).CopyTo(p.AsSpan());
            }
        }
    }

    /// <summary>
    /// The loss at x + t·d, with its gradient written to <paramref name="grad"/>; the parameters are back at
    /// <paramref name="x"/> afterwards (PyTorch's <c>_directional_evaluate</c>).
    /// </summary>
    public double EvaluateAt(Func<Tensor> closure, ReadOnlySpan<float> x, float t, ReadOnlySpan<float> d, Span<float> grad)
    {
        Add(t, d);
        double loss = closure().Item();
        GatherGrad(grad);
        Restore(x);
        return loss;
    }
}
