using Descent.Kernels;

namespace Descent.Optim;

/// <summary>
/// One Muon step of one 2-D parameter, shared by <see cref="Muon"/> and <see cref="MuonAdamW"/>: the momentum pass,
/// the Newton–Schulz orthogonalization of the direction, and the step with the shape-adjusted learning rate. Runs at
/// once (not gathered into the step's batch), since each pass reads what the one before wrote.
/// </summary>
internal sealed class MuonUpdate
{
    private readonly ScratchBuffers _directions = new();

    /// <summary>Updates <paramref name="parameter"/> and <paramref name="buffer"/> from <paramref name="grad"/>, on <paramref name="path"/>.</summary>
    public void Run(Parameter parameter, Tensor grad, MuonOptions o, Tensor buffer, UpdatePath path)
    {
        // A group added after construction is not checked there; PyTorch refuses it when it steps, as here.
        Throw.ArgumentIf(parameter.Rank != 2, "Param gradient must be a 2D matrix");
        int rows = parameter.Shape[0], cols = parameter.Shape[1];
        Tensor direction = _directions.For(parameter);
        ElementwiseUpdate.Run(MuonOperator.Momentum(o),
            new UpdateSlots(parameter.AsMemory(), grad.AsReadOnlyMemory(), buffer.AsMemory(), direction.AsMemory()), path);
        if (rows == 0 || cols == 0)
        {
            return;
        }
        NewtonSchulz.Orthogonalize(direction.AsSpan(), rows, cols, o.NsCoefficients, o.NsSteps, o.Eps);
        ElementwiseUpdate.Run(MuonOperator.Apply(o, AdjustedLr(o, rows, cols)),
            new UpdateSlots(parameter.AsMemory(), direction.AsReadOnlyMemory()), path);
    }

    /// <summary>The learning rate for an A×B matrix, as <see cref="MuonOptions.AdjustLrFn"/> says.</summary>
    public static double AdjustedLr(MuonOptions o, int a, int b) => o.AdjustLrFn switch
    {
        null or "original" => o.Lr * Math.Sqrt(Math.Max(1, (double)a / b)),
        "match_rms_adamw" => o.Lr * 0.2 * Math.Sqrt(Math.Max(a, b)),
        _ => o.Lr,
    };

    /// <summary>Refuses a parameter that is not a matrix, with PyTorch's message.</summary>
    public static void CheckMatrix(Parameter p)
    {
        if (p.Rank != 2)
        {
            throw new ArgumentException(
                $"Muon only supports 2D parameters whereas we found a parameter with size: torch.Size([{string.Join(", ", p.Shape)}])");
        }
    }
}
