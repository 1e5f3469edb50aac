using System.CommandLine;
using Descent.Training;

namespace Descent.Cli.Arguments;

/// <summary>The options every verb that trains learners shares: the task, the optimizer and the learner's settings.</summary>
internal sealed class LearnerSetup
{
    public TaskArguments Task { get; } = new();

    public OptimizerArguments Optimizer { get; } = new();

    public LearnerArguments Learner { get; } = new();

    public void AddTo(Command command)
    {
        Task.AddTo(command);
        Optimizer.AddTo(command);
        Learner.AddTo(command);
    }

    /// <summary>The task, and a learner for it with the optimizer and its options applied (except <paramref name="excluded"/>).</summary>
    public (SupervisedTask Task, MlpLearner Learner) Read(ParseResult parse, params string[] excluded)
    {
        SupervisedTask task = Task.Read(parse);
        MlpLearner learner = Learner.Create(parse, task);
        Optimizer.ApplyTo(learner, parse, excluded);
        return (task, learner);
    }
}
