namespace Descent.Training;

/// <summary>The built-in tasks, shipped inside the library (see Data/NOTICE.md for their provenance).</summary>
public static class Tasks
{
    /// <summary>Spambase: 4601 e-mails, 57 numeric features, target <c>type</c> with positive class <c>spam</c> (mlr3's <c>tsk("spam")</c>).</summary>
    public static ClassificationTask Spam() =>
        (ClassificationTask)CsvTaskReader.ReadEmbedded("spam.csv.gz", "type", "spam", "spam");

    /// <summary>Fisher's iris: 150 flowers, 4 features, target <c>Species</c> with three classes.</summary>
    public static ClassificationTask Iris() =>
        (ClassificationTask)CsvTaskReader.ReadEmbedded("iris.csv.gz", "Species", null, "iris");

    /// <summary>Motor Trend cars: 32 cars, 10 numeric features, target <c>mpg</c>.</summary>
    public static RegressionTask Mtcars() =>
        (RegressionTask)CsvTaskReader.ReadEmbedded("mtcars.csv.gz", "mpg", null, "mtcars");

    /// <summary>The built-in task called <paramref name="name"/> (<c>spam</c>, <c>iris</c> or <c>mtcars</c>).</summary>
    /// <exception cref="ArgumentException">No built-in task has that name.</exception>
    public static SupervisedTask Get(string name) => name.ToLowerInvariant() switch
    {
        "spam" => Spam(),
        "iris" => Iris(),
        "mtcars" => Mtcars(),
        _ => throw new ArgumentException($"Unknown task '{name}' (built in: spam, iris, mtcars).", nameof(name)),
    };

    /// <summary>The names of the built-in tasks.</summary>
    public static IReadOnlyList<string> Names { get; } = ["spam", "iris", "mtcars"];
}
