using System.Diagnostics;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Descent.Explorer.Tests;

/// <summary>
/// One <c>descent explore</c> server and one headless Chromium (Debian's, through its chromedriver) for all the page
/// tests; the first page load, from an empty cache, is timed here.
/// </summary>
public sealed class ExplorerBrowser : IDisposable
{
    private readonly ChromeDriverService _service;

    public ExplorerBrowser()
    {
        Server = new ExplorerServer();
        _service = ChromeDriverService.CreateDefaultService("/usr/bin", "chromedriver");
        _service.HideCommandPromptWindow = true;
        _service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = "/usr/bin/chromium" };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1300,1150",
            "--no-first-run", "--disable-extensions", "--disable-background-networking");
        try
        {
            Driver = new ChromeDriver(_service, options, TimeSpan.FromSeconds(60));
        }
        catch
        {
            Server.Dispose();
            _service.Dispose();
            throw;
        }
        // A page that never gets ready must not leave its browser and server running after the failed fixture.
        try
        {
            var clock = Stopwatch.StartNew();
            Driver.Navigate().GoToUrl(Server.Url);
            WaitUntilReady();
            FirstLoad = clock.Elapsed;
            FirstLoadInPage = TimeSpan.FromMilliseconds(Convert.ToDouble(Script("return explorer.stats().readyAt;")));
            FirstLoadStats = Script("""
                const r = performance.getEntriesByType('resource'), st = explorer.stats();
                return `resources ${r.length}, ${Math.round(r.reduce((a, e) => a + (e.transferSize || e.encodedBodySize || 0), 0) / 1e6)} MB, last fetched at ${Math.round(Math.max(...r.map(e => e.responseEnd)))} ms; ` +
                    `.NET started at ${Math.round(st.startedAt)} ms, rendered at ${Math.round(st.attachedAt)} ms, computed in ${st.computeMs[0]} ms (surface ${st.surfaceMs} ms), drawn at ${Math.round(st.readyAt)} ms`;
                """) as string ?? "";
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public ExplorerServer Server { get; }

    public ChromeDriver Driver { get; }

    /// <summary>From the navigation to the first drawn paths, measured by the test.</summary>
    public TimeSpan FirstLoad { get; }

    /// <summary>Where the first load's time went, as the page's timings tell it.</summary>
    public string FirstLoadStats { get; }

    /// <summary>The same, measured by the page (performance.now() when the first paths were drawn).</summary>
    public TimeSpan FirstLoadInPage { get; }

    public object? Script(string script, params object[] args) => Driver.ExecuteScript(script, args);

    /// <summary>Opens <paramref name="url"/> (relative to the server) and waits until the page has drawn its runs.</summary>
    public void Open(string url)
    {
        Driver.Navigate().GoToUrl("about:blank");
        Driver.Navigate().GoToUrl(url.StartsWith("http", StringComparison.Ordinal) ? url : Server.Url + url);
        WaitUntilReady();
    }

    public void WaitUntilReady() =>
        new WebDriverWait(Driver, TimeSpan.FromSeconds(60)).Until(_ => Script("return document.body.dataset.ready === 'true';") is true);

    /// <summary>Runs <paramref name="action"/> and waits until the page has recomputed and drawn the runs after it.</summary>
    public void AndRedraw(Action action)
    {
        string before = Version();
        action();
        new WebDriverWait(Driver, TimeSpan.FromSeconds(30)).Until(_ => Version() != before);
    }

    public IWebElement Find(string id) => Driver.FindElement(By.Id(id));

    /// <summary>Types <paramref name="text"/> into a field and leaves it, which commits the change.</summary>
    public void Type(string id, string text)
    {
        IWebElement field = Find(id);
        field.Clear();
        field.SendKeys(text + Keys.Tab);
    }

    public void Select(string id, string value) => Find(id).FindElement(By.CssSelector($"option[value='{value}']")).Click();

    /// <summary>The points of every drawn path, as the page exposes them.</summary>
    public double[][][] Paths()
    {
        var runs = (IReadOnlyCollection<object>)Script("return explorer.paths();")!;
        return runs.Select(r => ((IReadOnlyCollection<object>)r).Select(p => ((IReadOnlyCollection<object>)p).Select(Convert.ToDouble).ToArray()).ToArray()).ToArray();
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
        _service.Dispose();
        Server.Dispose();
    }

    private string Version() => Script("return document.body.dataset.version || '';") as string ?? "";
}
