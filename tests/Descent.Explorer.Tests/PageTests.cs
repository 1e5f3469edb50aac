using System.Globalization;
using Descent.Optim;
using Descent.Plots;
using Descent.Training.Examples;
using OpenQA.Selenium;
using Xunit.Abstractions;

namespace Descent.Explorer.Tests;

[CollectionDefinition(nameof(BrowserCollection), DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<ExplorerBrowser>;

/// <summary>The explorer in headless Chromium, served by <c>descent explore</c>, against <c>descent trajectory</c>.</summary>
[Collection(nameof(BrowserCollection))]
public sealed class PageTests(ExplorerBrowser browser, ITestOutputHelper output)
{
    [Fact]
    public void LoadsWithinTwiceTheThreeSecondGoal()
    {
        // The goal is 3 s; on this 2-core machine the first load measures 2.6-3.0 s when the machine is quiet (median
        // 2.76 s) and 3.3-4.0 s at load 4-9 (docs/explorer.md, Speed), most of it the WebAssembly runtime's and
        // Blazor's start in the interpreter, so the test holds the page to twice the goal and prints the time.
        // When other work keeps more runnable threads than there are cores (builds beside the tests), the page gets
        // a share of the cores and the bound grows with the oversubscription.
        double load = double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        double share = Math.Max(1, load / Environment.ProcessorCount);
        TimeSpan bound = TimeSpan.FromSeconds(2 * 3 * share);
        output.WriteLine($"first load: {browser.FirstLoad.TotalMilliseconds:F0} ms measured by the test, {browser.FirstLoadInPage.TotalMilliseconds:F0} ms by the page; " +
            $"load average {load:F1} on {Environment.ProcessorCount} cores, bound {bound.TotalMilliseconds:F0} ms");
        output.WriteLine($"page: {browser.FirstLoadStats}");
        Assert.True(browser.FirstLoad < bound, $"The first load took {browser.FirstLoad.TotalMilliseconds:F0} ms (bound {bound.TotalMilliseconds:F0} ms).");
        Assert.True(browser.FirstLoadInPage < bound, $"The page was ready after {browser.FirstLoadInPage.TotalMilliseconds:F0} ms (bound {bound.TotalMilliseconds:F0} ms).");
    }

    [Fact]
    public void AdamWOnRosenbrockDrawsThePathsOfTheCommandLine()
    {
        browser.Open("");
        AssertLevelsOfTheFigures(LossSurfaces.Rosenbrock());
        AssertAControlPerHyperparameter();
        browser.AndRedraw(() => browser.Select("surface", "saddle"));
        browser.AndRedraw(() => browser.Select("surface", "rosenbrock"));
        browser.AndRedraw(() => browser.Select("run0-optimizer", "sgd"));
        browser.AndRedraw(() => browser.Select("run0-optimizer", "adamw"));
        browser.AndRedraw(() => browser.Type("run0-lr", "0.02"));
        double[][] drawn = browser.Paths().Single();

        string dir = Directory.CreateTempSubdirectory("explorer-").FullName;
        (int code, _, string error) = ExplorerServer.Run("trajectory", "--surface", "rosenbrock", "--optimizer", "adamw", "--lr", "0.02", "--steps", "100", "--out", dir);
        Assert.True(code == 0, error);
        double[][] expected = File.ReadAllLines(Path.Combine(dir, "paths.csv")).Skip(1)
            .Select(l => l.Split(',')).Select(f => new[] { double.Parse(f[2], CultureInfo.InvariantCulture), double.Parse(f[3], CultureInfo.InvariantCulture) }).ToArray();
        Directory.Delete(dir, recursive: true);

        Assert.Equal(101, expected.Length);
        Assert.Equal(expected.Length, drawn.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(drawn[i][0] - expected[i][0]) <= 1e-6 && Math.Abs(drawn[i][1] - expected[i][1]) <= 1e-6,
                $"step {i}: page ({drawn[i][0]}, {drawn[i][1]}), descent trajectory ({expected[i][0]}, {expected[i][1]})");
        }
        Assert.Equal("descent trajectory --surface rosenbrock --optimizer adamw --lr 0.02 --steps 100", browser.Find("command0").Text);
    }

    /// <summary>The drawn contour levels are those of descent trajectory's figure, which samples point by point on 200 × 200 points.</summary>
    private void AssertLevelsOfTheFigures(LossSurface surface)
    {
        var drawn = ((IReadOnlyCollection<object>)browser.Script("return explorer.levels();")!).Select(Convert.ToDouble).ToArray();
        double[] expected = ContourGrid.Sample(surface.Evaluate, surface.XRange, surface.YRange, 200).Levels(surface.LogContours, 14);
        Assert.Equal(expected.Length, drawn.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(drawn[i] - expected[i]) <= 1e-6 * Math.Max(1, Math.Abs(expected[i])), $"level {i}: {drawn[i]} against {expected[i]}");
        }
    }

    /// <summary>The picker lists every registered optimizer, and each gets a control per hyperparameter of its defaults.</summary>
    private void AssertAControlPerHyperparameter()
    {
        string[] listed = browser.Find("run0-optimizer").FindElements(By.TagName("option")).Select(o => o.GetAttribute("value")!).ToArray();
        Assert.Equal(OptimizerRegistry.Names.Select(n => n.ToLowerInvariant()), listed);
        foreach (string name in new[] { "rprop", "lbfgs" })
        {
            browser.AndRedraw(() => browser.Select("run0-optimizer", name));
            Optimizer stand = OptimizerRegistry.Create(name, [new Parameter(Tensor.Zeros(1))]);
            foreach (string key in stand.ParamGroups[0].ToDictionary().Keys)
            {
                Assert.NotNull(browser.Find($"run0-{key}"));
            }
        }
    }

    [Fact]
    public void TheShareUrlOpensTheSameView()
    {
        browser.Open("?surface=ill-conditioned&condition=40&steps=60");
        browser.AndRedraw(() => browser.Type("run0-lr", "0.03"));
        browser.AndRedraw(() => browser.Find("add-run").Click());
        browser.AndRedraw(() => browser.Select("run1-optimizer", "sgd"));
        browser.AndRedraw(() => browser.Select("run1-scheduler", "step"));
        browser.AndRedraw(() => browser.Type("run1-scheduler-gamma", "0.5"));
        // A click on the plot's centre starts every run there (the plot spans x in [-5, 5] and y in [-2.5, 2.5]).
        IWebElement plot = browser.Find("plot");
        browser.AndRedraw(() => new OpenQA.Selenium.Interactions.Actions(browser.Driver).MoveToElement(plot, 22, -8).Click().Perform());
        double[][][] before = browser.Paths();
        string shared = browser.Find("share-url").GetAttribute("value")!;
        Assert.Equal(shared, browser.Driver.Url);
        Assert.Contains("start=", shared);
        Assert.Equal(2, before.Length);
        Assert.All(before, p => Assert.Equal(before[0][0], p[0]));
        Assert.NotEqual(before[0][0], before[1][1]);

        browser.Open(shared);
        Assert.Equal(shared, browser.Driver.Url);
        Assert.Equal(before, browser.Paths());
        Assert.Equal("0.03", browser.Find("run0-lr").GetAttribute("value"));
        Assert.Equal("sgd", browser.Find("run1-optimizer").GetAttribute("value"));
        Assert.Equal("0.5", browser.Find("run1-scheduler-gamma").GetAttribute("value"));
        Assert.Contains("--condition 40", browser.Find("command1").Text);
        Assert.Contains("--scheduler step --gamma 0.5", browser.Find("command1").Text);
    }

    [Fact]
    public void FourRunsAnimateAtThirtyFramesPerSecondAndQuestionsHideTheirAnswers()
    {
        browser.Open("?surface=linreg&steps=200&run=sgd;lr=0.01&run=sgd;lr=0.1&run=sgd;lr=0.5&run=adam;lr=0.3");
        Assert.Equal(4, browser.Paths().Length);
        var result = (IDictionary<string, object>)browser.Driver.ExecuteAsyncScript("explorer.measureFps(1500).then(arguments[arguments.length - 1]);")!;
        double fps = Convert.ToDouble(result["fps"]);
        output.WriteLine($"4 runs: {fps:F1} frames per second, {Convert.ToDouble(result["meanDrawMs"]):F2} ms to draw a frame, longest gap {Convert.ToDouble(result["maxGapMs"]):F1} ms");
        Assert.True(Convert.ToInt64(result["framesDrawn"]) > 10, "The animation drew no frames.");
        Assert.True(fps >= 30, $"{fps:F1} frames per second.");

        browser.Find("rewind").Click();
        browser.Find("step").Click();
        Assert.Equal("1", browser.Find("position-value").Text);
        SaveScreenshot("four-runs.png");

        // A chapter question loads its view and keeps its answer hidden until asked for.
        browser.AndRedraw(() => browser.Find("preset0-load").Click());
        Assert.Equal(3, browser.Paths().Length);
        Assert.Empty(browser.Driver.FindElements(By.Id("preset0-answer")));
        browser.Find("preset0-answer-toggle").Click();
        Assert.Contains("learning rate", browser.Find("preset0-answer").Text);
        SaveScreenshot("question.png");
    }

    /// <summary>Saves the page as a test artifact under TestResults/explorer.</summary>
    private void SaveScreenshot(string name)
    {
        string dir = Path.Combine(RepositoryRoot(), "TestResults", "explorer");
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, name);
        browser.Driver.GetScreenshot().SaveAsFile(path);
        output.WriteLine($"screenshot: {path}");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Descent.sln")))
            {
                return dir.FullName;
            }
        }
        return AppContext.BaseDirectory;
    }
}
