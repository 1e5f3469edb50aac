namespace Descent.Optim.Schedulers;

/// <summary>How a schedule moves between two rates (PyTorch's <c>anneal_strategy</c>, "cos" or "linear").</summary>
public enum AnnealStrategy
{
    /// <summary>Along half a cosine: α(t) = (1 − cos(π t)) / 2 — PyTorch's "cos".</summary>
    Cos,

    /// <summary>In a straight line: α(t) = t — PyTorch's "linear".</summary>
    Linear,
}
