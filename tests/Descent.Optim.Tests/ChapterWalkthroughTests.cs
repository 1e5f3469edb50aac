using Descent.NN;

namespace Descent.Optim.Tests;

/// <summary>The chapter's walk-through: one Linear(1, 1), AdamW with its defaults, and what each call does.</summary>
public sealed class ChapterWalkthroughTests
{
    [Fact]
    public void StepUsesTheGradientBackwardAddsAndZeroGradResets()
    {
        var model = new Linear(1, 1, generator: new Generator(1));
        var optimizer = new AdamW(model.Parameters());
        Tensor x = Tensor.FromArray([1f, 2f, 3f], 3, 1);
        Tensor y = Tensor.FromArray([2f, 4f, 6f], 3, 1);

        Tensor loss = Functional.MseLoss(model.Forward(x), y);
        loss.Backward(retainGraph: true);
        float[] grad = model.Weight.Grad!.ToArray();
        float[] before = model.Weight.ToArray();

        optimizer.Step();
        Assert.Equal(grad, model.Weight.Grad!.ToArray());            // the step reads the gradient, never changes it
        Assert.NotEqual(before, model.Weight.ToArray());               // and moves the weight against it
        Assert.Equal(Math.Sign(grad[0]), -Math.Sign(model.Weight.ToArray()[0] - before[0]));

        loss.Backward();                                               // a second backward adds to the gradient
        Assert.Equal(2 * grad[0], model.Weight.Grad!.ToArray()[0], 5);

        optimizer.ZeroGrad();                                          // and ZeroGrad resets it
        Assert.Null(model.Weight.Grad);
        Assert.Null(model.Bias!.Grad);
    }

    [Fact]
    public void TheStateDictHasTheEntriesTheChapterPrints()
    {
        var model = new Linear(1, 1, generator: new Generator(1));
        var optimizer = new AdamW(model.Parameters());
        Tensor x = Tensor.FromArray([1f, 2f, 3f], 3, 1);
        Tensor y = Tensor.FromArray([2f, 4f, 6f], 3, 1);
        void Step()
        {
            optimizer.ZeroGrad();
            Functional.MseLoss(model.Forward(x), y).Backward();
            optimizer.Step();
        }

        Step();
        OptimizerStateDict afterOne = optimizer.StateDict();
        Assert.Equal([0, 1], afterOne.State.Keys.Order());
        Assert.Equal(["exp_avg", "exp_avg_sq", "step"], afterOne.State[0].Keys.Order());
        Assert.Equal(1f, ((Tensor)afterOne.State[0]["step"]).Item());
        ParamGroupState group = Assert.Single(afterOne.ParamGroups);
        Assert.Equal([0, 1], group.Params);
        Assert.Equal(1e-3, group.Hyperparameters["lr"]);
        Assert.Equal((0.9, 0.999), group.Hyperparameters["betas"]);
        Assert.Equal(1e-8, group.Hyperparameters["eps"]);
        Assert.Equal(1e-2, group.Hyperparameters["weight_decay"]);
        Assert.Equal(false, group.Hyperparameters["amsgrad"]);

        Step();
        Step();
        OptimizerStateDict afterThree = optimizer.StateDict();
        Assert.Equal(3f, ((Tensor)afterThree.State[1]["step"]).Item());
        string printed = afterThree.ToString();
        Assert.Contains("step: tensor(3.)", printed);
        Assert.Contains("exp_avg: tensor([[", printed);
        Assert.Contains("exp_avg_sq: tensor([", printed);
        Assert.Contains("- params: [0, 1]", printed);
        Assert.Contains("weight_decay: 0.01", printed);
    }
}
