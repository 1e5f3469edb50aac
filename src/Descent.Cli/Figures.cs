using Descent.Training;

namespace Descent.Cli;

/// <summary>Draws the command's figures from recorded runs (through Descent.Plots) and returns the files written.</summary>
internal static class Figures
{
    /// <summary>The learning curve of one run: every recorded measure per epoch.</summary>
    public static string[] LearningCurve(History history, SupervisedTask task, MlpLearner learner, string pathWithoutExtension) => [];
}
