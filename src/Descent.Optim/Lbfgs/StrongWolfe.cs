using System.Numerics.Tensors;

namespace Descent.Optim;

/// <summary>
/// PyTorch's line search for <see cref="LBFGS"/> (ported there from minFunc/torch7): bracket a step length that
/// satisfies the strong Wolfe conditions, then zoom in on it by safeguarded cubic interpolation.
/// </summary>
/// <remarks>
/// Sufficient decrease f(t) ≤ f(0) + c₁t·gtd and curvature |g(t)·d| ≤ −c₂·gtd, with c₁ = 1e-4, c₂ = 0.9 and at
/// most 25 evaluations. Losses are doubles and directional derivatives float32, as in PyTorch (see
/// <see cref="TorchNumber"/>). PyTorch calls it without passing the optimizer's tolerance_change, so the zoom
/// stops on a bracket narrower than 1e-9 whatever the hyperparameter says; this port keeps that.
/// </remarks>
internal static class StrongWolfe
{
    private const double C1 = 1e-4;
    private const double C2 = 0.9;
    private const double ToleranceChange = 1e-9;
    private const int MaxLs = 25;

    /// <summary>The loss at step length t along d, with the gradient written to the buffer.</summary>
    public delegate double Objective(TorchNumber t, float[] grad);

    /// <summary>Searches along <paramref name="d"/> from loss <paramref name="f"/>, gradient <paramref name="g"/>, slope <paramref name="gtd"/>.</summary>
    /// <returns>The accepted step's loss, gradient and length, and the number of evaluations.</returns>
    public static (double Loss, float[] Grad, TorchNumber T, int Evals) Search(Objective evaluate, TorchNumber t, float[] d, double f, float[] g, TorchNumber gtd)
    {
        TorchNumber dNorm = TorchNumber.Tensor(MathF.Abs(TensorPrimitives.MaxMagnitude(d)));
        g = (float[])g.Clone();
        (double fNew, float[] gNew, TorchNumber gtdNew) = Evaluate(evaluate, t, d);

        // Bracket an interval containing a point that satisfies the strong Wolfe conditions.
        TorchNumber tPrev = 0.0;
        double fPrev = f;
        float[] gPrev = g;
        TorchNumber gtdPrev = gtd;
        bool done = false;
        int lsIter = 0;
        TorchNumber[] bracket = [];
        double[] bracketF = [];
        float[][] bracketG = [];
        TorchNumber[] bracketGtd = [];
        while (lsIter < MaxLs)
        {
            if (fNew > f + C1 * t * gtd || (lsIter > 1 && fNew >= fPrev))
            {
                (bracket, bracketF, bracketG, bracketGtd) = ([tPrev, t], [fPrev, fNew], [gPrev, gNew], [gtdPrev, gtdNew]);
                break;
            }
            if (TorchNumber.Abs(gtdNew) <= -C2 * gtd)
            {
                (bracket, bracketF, bracketG) = ([t], [fNew], [gNew]);
                done = true;
                break;
            }
            if (gtdNew >= 0.0)
            {
                (bracket, bracketF, bracketG, bracketGtd) = ([tPrev, t], [fPrev, fNew], [gPrev, gNew], [gtdPrev, gtdNew]);
                break;
            }
            TorchNumber minStep = t + 0.01 * (t - tPrev);
            TorchNumber maxStep = t * 10.0;
            (tPrev, fPrev, gPrev, gtdPrev, t) = (t, fNew, gNew, gtdNew, CubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, (minStep, maxStep)));
            (fNew, gNew, gtdNew) = Evaluate(evaluate, t, d);
            lsIter++;
        }
        if (lsIter == MaxLs)
        {
            (bracket, bracketF, bracketG) = ([0.0, t], [f, fNew], [g, gNew]);
        }

        // Zoom: shrink the bracket until a point satisfies the conditions.
        bool insufficientProgress = false;
        (int low, int high) = bracketF[0] <= bracketF[^1] ? (0, 1) : (1, 0);
        while (!done && lsIter < MaxLs)
        {
            if (TorchNumber.Abs(bracket[1] - bracket[0]) * dNorm < ToleranceChange)
            {
                break;
            }
            t = CubicInterpolate(bracket[0], bracketF[0], bracketGtd[0], bracket[1], bracketF[1], bracketGtd[1], null);

            // A trial point close to an end of the bracket makes little progress: after two such trials in a row,
            // or one at or beyond an end, evaluate 10% of the bracket's width inside the nearer end instead.
            TorchNumber top = TorchNumber.Max(bracket[0], bracket[1]);
            TorchNumber bottom = TorchNumber.Min(bracket[0], bracket[1]);
            TorchNumber eps = 0.1 * (top - bottom);
            bool nearEnd = TorchNumber.Min(top - t, t - bottom) < eps;
            bool moveIn = nearEnd && (insufficientProgress || t >= top || t <= bottom);
            if (moveIn)
            {
                t = TorchNumber.Abs(t - top) < TorchNumber.Abs(t - bottom) ? top - eps : bottom + eps;
            }
            insufficientProgress = nearEnd && !moveIn;

            (fNew, gNew, gtdNew) = Evaluate(evaluate, t, d);
            lsIter++;

            if (fNew > f + C1 * t * gtd || fNew >= bracketF[low])
            {
                // Not a sufficient decrease, or not below the low end: the point becomes the high end.
                (bracket[high], bracketF[high], bracketG[high], bracketGtd[high]) = (t, fNew, gNew, gtdNew);
                (low, high) = bracketF[0] <= bracketF[1] ? (0, 1) : (1, 0);
            }
            else
            {
                done = TorchNumber.Abs(gtdNew) <= -C2 * gtd;
                if (!done && gtdNew * (bracket[high] - bracket[low]) >= 0.0)
                {
                    (bracket[high], bracketF[high], bracketG[high], bracketGtd[high]) = (bracket[low], bracketF[low], bracketG[low], bracketGtd[low]);
                }
                (bracket[low], bracketF[low], bracketG[low], bracketGtd[low]) = (t, fNew, gNew, gtdNew);
            }
        }
        return (bracketF[low], bracketG[low], bracket[low], lsIter + 1);  // one evaluation, then one per iteration
    }

    /// <summary>
    /// The minimizer of the cubic through (x₁, f₁) and (x₂, f₂) with slopes g₁ and g₂, clamped to the bounds (by
    /// default the two points); the bounds' midpoint when the cubic has no minimum.
    /// </summary>
    private static TorchNumber CubicInterpolate(TorchNumber x1, TorchNumber f1, TorchNumber g1, TorchNumber x2, TorchNumber f2, TorchNumber g2,
        (TorchNumber Min, TorchNumber Max)? bounds)
    {
        (TorchNumber xMin, TorchNumber xMax) = bounds ?? (x1 <= x2 ? (x1, x2) : (x2, x1));
        TorchNumber d1 = g1 + g2 - 3.0 * (f1 - f2) / (x1 - x2);
        TorchNumber d2Square = d1 * d1 - g1 * g2;
        if (!(d2Square >= 0.0))
        {
            return (xMin + xMax) / 2.0;
        }
        TorchNumber d2 = TorchNumber.Sqrt(d2Square);
        TorchNumber minPos = x1 <= x2
            ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2.0 * d2))
            : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2.0 * d2));
        return TorchNumber.Min(TorchNumber.Max(minPos, xMin), xMax);
    }

    /// <summary>The loss at step length t, a new buffer holding its gradient, and the slope along d.</summary>
    private static (double F, float[] G, TorchNumber Gtd) Evaluate(Objective evaluate, TorchNumber t, float[] d)
    {
        var g = new float[d.Length];
        double f = evaluate(t, g);
        return (f, g, TorchNumber.Tensor(TensorPrimitives.Dot(g, d)));
    }
}
