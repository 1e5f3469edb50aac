namespace Descent.Training.Examples;

/// <summary>
/// A loss over two parameters, for watching optimizers move on its contour plot: evaluated on tensors (so
/// autograd gives its gradient) and on numbers (so a figure can draw its contours).
/// </summary>
/// <param name="name">A short name (<c>rosenbrock</c>).</param>
/// <param name="title">A title for figures.</param>
/// <param name="loss">The loss of parameters (x, y), each a one-element tensor.</param>
/// <param name="start">Where optimizers start.</param>
/// <param name="minimum">Where the minimum is.</param>
/// <param name="xRange">The x range to draw.</param>
/// <param name="yRange">The y range to draw.</param>
/// <param name="xLabel">The x axis label.</param>
/// <param name="yLabel">The y axis label.</param>
/// <param name="logContours">Whether contour levels are spaced logarithmically (for surfaces with a narrow valley).</param>
public sealed class LossSurface(string name, string title, Func<Tensor, Tensor, Tensor> loss, (double X, double Y) start, (double X, double Y) minimum,
    (double Min, double Max) xRange, (double Min, double Max) yRange, string xLabel = "x", string yLabel = "y", bool logContours = false)
{
    private readonly Func<Tensor, Tensor, Tensor> _loss = loss ?? throw new ArgumentNullException(nameof(loss));
    private readonly IReadOnlyList<(double X, double Y)>? _minima;

    /// <summary>The surface's short name.</summary>
    public string Name { get; } = name;

    /// <summary>A title for figures.</summary>
    public string Title { get; } = title;

    /// <summary>Where optimizers start.</summary>
    public (double X, double Y) Start { get; } = start;

    /// <summary>Where the minimum is (one of them, when there are several; see <see cref="Minima"/>).</summary>
    public (double X, double Y) Minimum { get; } = minimum;

    /// <summary>Every minimum in the drawn range; <see cref="Minimum"/> alone unless the surface says otherwise.</summary>
    public IReadOnlyList<(double X, double Y)> Minima
    {
        get => _minima ?? [Minimum];
        init => _minima = value;
    }

    /// <summary>A saddle point worth marking, or null.</summary>
    public (double X, double Y)? SaddlePoint { get; init; }

    /// <summary>The x range to draw.</summary>
    public (double Min, double Max) XRange { get; } = xRange;

    /// <summary>The y range to draw.</summary>
    public (double Min, double Max) YRange { get; } = yRange;

    /// <summary>The x axis label.</summary>
    public string XLabel { get; } = xLabel;

    /// <summary>The y axis label.</summary>
    public string YLabel { get; } = yLabel;

    /// <summary>Whether contour levels should be spaced logarithmically.</summary>
    public bool LogContours { get; } = logContours;

    /// <summary>The loss at (x, y), recorded for autograd when the inputs require grad.</summary>
    public Tensor Loss(Tensor x, Tensor y) => _loss(x, y);

    /// <summary>
    /// The loss at many points at once: x and y of shape [m] to losses of shape [m], each computed as
    /// <see cref="Loss"/> computes it at one point. Null when the surface offers none (grids then evaluate point by point).
    /// </summary>
    public Func<Tensor, Tensor, Tensor>? Pointwise { get; init; }

    /// <summary>The loss at every point of the grid <paramref name="xs"/> × <paramref name="ys"/>, indexed [y, x], a row at a time when <see cref="Pointwise"/> is known.</summary>
    public double[,] EvaluateGrid(IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(ys);
        var values = new double[ys.Count, xs.Count];
        float[] row = xs.Select(v => (float)v).ToArray();
        using (Autograd.NoGrad())
        {
            for (int i = 0; i < ys.Count; i++)
            {
                if (Pointwise is null)
                {
                    for (int j = 0; j < xs.Count; j++)
                    {
                        values[i, j] = Evaluate(xs[j], ys[i]);
                    }
                    continue;
                }
                float[] losses = Pointwise(Tensor.FromArray(row), Tensor.Full([row.Length], (float)ys[i])).ToArray();
                for (int j = 0; j < xs.Count; j++)
                {
                    values[i, j] = losses[j];
                }
            }
        }
        return values;
    }

    /// <summary>The loss at (x, y) as a number, for contour plots.</summary>
    public double Evaluate(double x, double y)
    {
        using (Autograd.NoGrad())
        {
            return _loss(Tensor.FromArray([(float)x]), Tensor.FromArray([(float)y])).Item();
        }
    }
}
