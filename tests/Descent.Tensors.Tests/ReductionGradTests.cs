namespace Descent.Tensors.Tests;

/// <summary>GradCheck for reductions, over all elements and over each dimension, with and without keepDim.</summary>
public class ReductionGradTests
{
    /// <summary>Every dim of a [2,3,4] tensor, counted from the front and from the back, with keepDim both ways.</summary>
    public static TheoryData<int, bool> DimsAndKeep()
    {
        var data = new TheoryData<int, bool>();
        for (int dim = -3; dim < 3; dim++)
        {
            data.Add(dim, false);
            data.Add(dim, true);
        }
        return data;
    }

    [Fact]
    public void SumAndMeanOfAll()
    {
        GradAssert.Passes(x => x[0].Sum(), GradAssert.Normal(1, 2, 3, 4));
        GradAssert.Passes(x => x[0].Mean(), GradAssert.Normal(1, 2, 3, 4));
        GradAssert.Passes(x => x[0].Sum(), GradAssert.Normal(1));
    }

    [Theory]
    [MemberData(nameof(DimsAndKeep))]
    public void SumOverDim(int dim, bool keepDim) =>
        GradAssert.Passes(x => x[0].Sum(dim, keepDim), GradAssert.Normal(1, 2, 3, 4));

    [Theory]
    [MemberData(nameof(DimsAndKeep))]
    public void MeanOverDim(int dim, bool keepDim) =>
        GradAssert.Passes(x => x[0].Mean(dim, keepDim), GradAssert.Normal(1, 2, 3, 4));

    [Fact]
    public void SumOverSeveralDims()
    {
        GradAssert.Passes(x => x[0].Sum([0, 2]), GradAssert.Normal(1, 2, 3, 4));
        GradAssert.Passes(x => x[0].Sum([-1, 1], keepDim: true), GradAssert.Normal(1, 2, 3, 4));
        GradAssert.Passes(x => x[0].Mean([0, 2]), GradAssert.Normal(1, 2, 3, 4));
    }

    [Fact]
    public void MaxAndMinOfAll()
    {
        GradAssert.Passes(x => x[0].Max(), GradAssert.Grid(0.1f, 1, 2, 3, 4));
        GradAssert.Passes(x => x[0].Min(), GradAssert.Grid(0.1f, 1, 2, 3, 4));
    }

    [Theory]
    [MemberData(nameof(DimsAndKeep))]
    public void MaxOverDim(int dim, bool keepDim) =>
        GradAssert.Passes(x => x[0].Max(dim, keepDim), GradAssert.Grid(0.1f, 1, 2, 3, 4));

    [Theory]
    [MemberData(nameof(DimsAndKeep))]
    public void MinOverDim(int dim, bool keepDim) =>
        GradAssert.Passes(x => x[0].Min(dim, keepDim), GradAssert.Grid(0.1f, 1, 2, 3, 4));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void VarAndStdOfAll(int correction)
    {
        GradAssert.Passes(x => x[0].Var(correction: correction), GradAssert.Normal(1, 2, 3, 4));
        GradAssert.Passes(x => x[0].Std(correction: correction), GradAssert.Normal(1, 2, 3, 4));
    }

    [Theory]
    [MemberData(nameof(DimsAndKeep))]
    public void VarOverDim(int dim, bool keepDim)
    {
        GradAssert.Passes(x => x[0].Var(dim, keepDim: keepDim), GradAssert.Normal(1, 2, 3, 4));
        GradAssert.Passes(x => x[0].Var(dim, correction: 0, keepDim: keepDim), GradAssert.Normal(1, 2, 3, 4));
    }

    [Theory]
    [MemberData(nameof(DimsAndKeep))]
    public void StdOverDim(int dim, bool keepDim) =>
        GradAssert.Passes(x => x[0].Std(dim, keepDim: keepDim), GradAssert.Normal(1, 2, 3, 4));

    [Theory]
    [InlineData(-3)]
    [InlineData(-2)]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void SoftmaxAndLogSoftmax(int dim)
    {
        GradAssert.Passes(x => x[0].Softmax(dim), GradAssert.Normal(1, 2, 3, 4));
        GradAssert.Passes(x => x[0].LogSoftmax(dim), GradAssert.Normal(1, 2, 3, 4));
    }

    [Fact]
    public void ReductionsOfAScalar()
    {
        GradAssert.Passes(x => x[0].Sum(0), GradAssert.Normal(1));
        GradAssert.Passes(x => x[0].Mean(-1, keepDim: true), GradAssert.Normal(1));
        GradAssert.Passes(x => x[0].Softmax(0) + x[0].LogSoftmax(0), GradAssert.Normal(1));
    }
}
