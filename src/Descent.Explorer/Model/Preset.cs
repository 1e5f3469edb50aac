namespace Descent.Explorer.Model;

/// <summary>
/// One of the chapter's questions: a view with one hyperparameter varied across the runs, the question, and its
/// answer, which the page hides until asked.
/// </summary>
/// <param name="Title">A short name.</param>
/// <param name="Question">The question asked of the view.</param>
/// <param name="Answer">Which hyperparameter is varied, and why the paths look as they do.</param>
/// <param name="Query">The view, as a URL query.</param>
public sealed record Preset(string Title, string Question, string Answer, string Query)
{
    private const string Varied = "Which parameter is varied here? Explain why the paths look as they do.";

    /// <summary>The chapter's figures, in its order (the same views as <c>descent report</c>'s trajectory panels).</summary>
    public static IReadOnlyList<Preset> All { get; } =
    [
        new("Figure 1", Varied,
            "The learning rate of SGD (0.01, 0.1, 0.5). A small rate creeps along the gradient and stops far from the minimum " +
            "after 100 steps; a larger one gets there; the largest overshoots across the narrow direction of the bowl and " +
            "zig-zags, because a step of lr · gradient is longer than the valley is wide.",
            "surface=linreg&steps=100&run=sgd;lr=0.01&run=sgd;lr=0.1&run=sgd;lr=0.5"),
        new("Figure 2", Varied,
            "SGD's weight decay (0, 0.5, 2) with lr 0.05. Weight decay adds λθ to the gradient, a pull towards the origin, " +
            "so the paths no longer end at the least-squares minimum but at a point between it and (0, 0), closer to the " +
            "origin the larger λ is: the minimum of the loss plus the penalty.",
            "surface=linreg&steps=100&run=sgd;lr=0.05&run=sgd;lr=0.05;weight_decay=0.5&run=sgd;lr=0.05;weight_decay=2"),
        new("Figure 3", Varied,
            "Adam's β₁ (0, 0.9, 0.99) with lr 0.3: the momentum of the first-moment average. With β₁ = 0 every step follows " +
            "the current gradient, scaled per coordinate; with 0.9 the path is smoothed and carries on past the minimum; with " +
            "0.99 the average remembers about a hundred steps, so the path overshoots further and swings around the minimum.",
            "surface=linreg&steps=100&run=adam;lr=0.3;betas=0,0.999&run=adam;lr=0.3&run=adam;lr=0.3;betas=0.99,0.999"),
        new("Figure 4", Varied,
            "Adam's β₂ (0.5, 0.9, 0.999) with lr 0.3: the memory of the second-moment average that scales each coordinate's " +
            "step. A short memory rescales each step by recent gradients only, so steps stay near lr in size and the path " +
            "jitters near the minimum; β₂ = 0.999 remembers the large early gradients, so steps shrink and the path is smooth.",
            "surface=linreg&steps=100&run=adam;lr=0.3;betas=0.9,0.5&run=adam;lr=0.3;betas=0.9,0.9&run=adam;lr=0.3"),
        new("Figure 5", Varied,
            "Adam's ε (1e-8, 1, 10) with lr 0.3. ε is added to √v before dividing: tiny, it leaves Adam's sign-like, " +
            "per-coordinate steps; as large as the gradients, it damps them and Adam moves like SGD with learning rate " +
            "lr/ε (with β₁'s momentum) along the gradient, so the path bends like gradient descent's and slows down.",
            "surface=linreg&steps=100&run=adam;lr=0.3&run=adam;lr=0.3;eps=1&run=adam;lr=0.3;eps=10"),
        new("Rosenbrock", "Which optimizer is which, and why does one of them leave the valley floor?",
            "SGD with lr 0.001 (blue) follows the steep walls down and then crawls along the curved valley; Adam with lr 0.05 " +
            "(red) takes steps of about lr in every coordinate, so it reaches the valley at once and moves along it; AdamW " +
            "with weight decay 0.1 (green) does the same, but the decoupled decay shrinks the point towards the origin every " +
            "step, so it settles short of the minimum at (1, 1).",
            "surface=rosenbrock&steps=300&run=sgd;lr=0.001&run=adam;lr=0.05&run=adamw;lr=0.05;weight_decay=0.1"),
        new("Condition number", "Which parameter is varied between the two runs, and why does it matter to SGD but hardly to Adam?",
            "The optimizer (SGD and Adam, both lr 0.035) on a quadratic with condition number 50. SGD's stable learning rate " +
            "is bounded by the steep direction, so along the flat one it moves slowly and zig-zags across the steep one; Adam " +
            "divides each coordinate by its own gradient scale, which undoes most of the conditioning.",
            "surface=ill-conditioned&condition=50&steps=100&run=sgd;lr=0.035&run=adam;lr=0.035"),
    ];
}
