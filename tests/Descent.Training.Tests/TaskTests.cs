using System.Text;

namespace Descent.Training.Tests;

public sealed class TaskTests
{
    [Fact]
    public void TheBuiltInSpamTaskIsTheSpambaseData()
    {
        ClassificationTask spam = Tasks.Spam();
        Assert.Equal(4601, spam.NRow);
        Assert.Equal(57, spam.NFeatures);
        Assert.Equal("type", spam.TargetName);
        Assert.Equal(["nonspam", "spam"], spam.ClassNames);
        Assert.Equal("spam", spam.PositiveClass);
        Assert.Equal(1813, spam.Classes.Count(c => c == spam.PositiveIndex));
        Assert.Equal("make", spam.FeatureNames[0]);
        Assert.Equal(0.64f, spam.Features()[0, 1]);
    }

    [Fact]
    public void IrisAndMtcarsAreBuiltIn()
    {
        ClassificationTask iris = Tasks.Iris();
        Assert.Equal((150, 4, 3), (iris.NRow, iris.NFeatures, iris.ClassNames.Count));
        Assert.Null(iris.PositiveClass);
        RegressionTask mtcars = Tasks.Mtcars();
        Assert.Equal((32, 10), (mtcars.NRow, mtcars.NFeatures));
        Assert.Equal(21f, mtcars.Targets[0]);
        Assert.Throws<ArgumentException>(() => Tasks.Get("titanic"));
    }

    [Fact]
    public void SubsetKeepsRowsInTheGivenOrder()
    {
        ClassificationTask iris = Tasks.Iris();
        ClassificationTask sub = iris.Subset([149, 0]);
        Assert.Equal(2, sub.NRow);
        Assert.Equal(iris.Classes[149], sub.Classes[0]);
        Assert.Equal(iris.Features()[149, 2], sub.Features()[0, 2]);
        Assert.Throws<ArgumentOutOfRangeException>(() => iris.Subset([150]));
    }

    private static SupervisedTask ReadCsv(string text, string target, string? positive = null) =>
        CsvTaskReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "test.csv", target, positive);

    [Fact]
    public void ACsvWithACategoricalTargetIsAClassificationTask()
    {
        var task = (ClassificationTask)ReadCsv("\"a\",\"b\",\"y\"\n1,2,\"no\"\n3,4.5,\"yes\"\n5,6,\"no\"\n", "y", "yes");
        Assert.Equal(["no", "yes"], task.ClassNames);
        Assert.Equal([0, 1, 0], task.Classes);
        Assert.Equal(4.5f, task.Features()[1, 1]);
    }

    [Fact]
    public void ACsvWithANumericTargetIsARegressionTask()
    {
        var task = (RegressionTask)ReadCsv("x,y\n1,2\n3,4\n", "y");
        Assert.Equal([2f, 4f], task.Targets);
    }

    [Theory]
    [InlineData("x,y\n1,\n", "y", "line 2, column 'y': missing")]
    [InlineData("x,y\nNA,1\n", "y", "line 2, column 'x': missing value")]
    [InlineData("x,y\n1,a\nfoo,b\n", "y", "line 3, column 'x': 'foo' is not a number")]
    [InlineData("x,y\n1,2\n", "z", "no target column 'z'")]
    [InlineData("", "y", "the file is empty")]
    [InlineData("x,y\n", "y", "no data rows")]
    [InlineData("x,y\n1,a\n2,a\n", "y", "1 class ('a')")]
    [InlineData("x,y\n1,2,3\n", "y", "line 2: 3 fields")]
    public void BadCsvInputNamesTheFileTheRowAndTheProblem(string text, string target, string expected)
    {
        var e = Assert.Throws<InvalidDataException>(() => ReadCsv(text, target));
        Assert.StartsWith("test.csv", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        var e = Assert.Throws<FileNotFoundException>(() => CsvTaskReader.Read("/no/such/file.csv", "y"));
        Assert.Contains("/no/such/file.csv", e.Message);
    }
}
