using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Descent.Explorer.Model;
using Descent.Training.Examples;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Descent.Explorer;

/// <summary>
/// The page: holds the <see cref="ExplorerState"/>, recomputes the runs when it changes, hands surfaces and paths to
/// <c>explorer.js</c> (which draws and animates them) and keeps the state in the URL.
/// </summary>
public sealed partial class ExplorerPage : IDisposable
{
    private readonly List<string> _problems = [];
    private readonly Dictionary<string, SurfaceScene> _surfaces = [];
    private ExplorerState _state = ExplorerState.Default();
    private List<RunScene> _runs = [];
    private string _shownSurface = "";
    private string _shareUrl = "";
    private long _computeMs;
    private DotNetObjectReference<ExplorerPage>? _self;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IJSRuntime Js { get; set; } = default!;

    /// <summary>Sets every run's start point (called by the script when the plot is clicked).</summary>
    [JSInvokable]
    public Task SetStart(double x, double y)
    {
        _state.Start = (Math.Round(x, 3), Math.Round(y, 3));
        return Recompute();
    }

    /// <inheritdoc/>
    public void Dispose() => _self?.Dispose();

    /// <inheritdoc/>
    protected override void OnInitialized()
    {
        string query = new Uri(Navigation.Uri).Query;
        if (query.Length > 1)
        {
            _state = ExplorerState.FromQuery(query, _problems);
        }
    }

    /// <inheritdoc/>
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _self = DotNetObjectReference.Create(this);
            await Js.InvokeVoidAsync("explorer.attach", _self);
            await Recompute();
        }
    }

    private string StartText => _state.Start is (double x, double y)
        ? string.Create(CultureInfo.InvariantCulture, $"({x}, {y})")
        : "the surface's start point";

    private string? ErrorOf(int index) => index < _runs.Count ? _runs[index].Error : null;

    private async Task Change(Action change)
    {
        change();
        await Recompute();
    }

    private Task SetSteps(object? value) => Change(() =>
    {
        if (int.TryParse(value?.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n))
        {
            _state.Steps = Math.Clamp(n, 1, ExplorerState.MaxSteps);
        }
    });

    private Task AddRun() => Change(() =>
    {
        if (_state.Runs.Count < ExplorerState.MaxRuns)
        {
            _state.Runs.Add(_state.Runs[^1].Copy());
        }
    });

    private Task LoadPreset(Preset preset)
    {
        _problems.Clear();
        _state = ExplorerState.FromQuery(preset.Query, _problems);
        return Recompute();
    }

    /// <summary>Recomputes every run (and the surface's contours when the surface changed), draws them and updates the URL.</summary>
    private Task Recompute()
    {
        var clock = Stopwatch.StartNew();
        LossSurface surface = _state.Choice.Create(_state.Condition);
        string key = $"{_state.Surface}:{_state.Choice.Condition(_state.Condition)}";
        if (!_surfaces.TryGetValue(key, out SurfaceScene? scene))
        {
            scene = SurfaceScene.Of(surface);
            _surfaces[key] = scene;
        }
        long surfaceMs = clock.ElapsedMilliseconds;
        _runs = _state.Runs.Select((run, i) => RunScene.Compute(_state, surface, run, i)).ToList();
        _computeMs = clock.ElapsedMilliseconds;
        if (key != _shownSurface)
        {
            ExplorerScript.SetSurface(JsonSerializer.Serialize(scene, SceneJson.Default.SurfaceScene), scene.Lines, scene.Shade);
            _shownSurface = key;
        }
        ExplorerScript.SetRuns(JsonSerializer.Serialize(_runs, SceneJson.Default.ListRunScene), _state.Steps, _computeMs, surfaceMs);
        // Without a router, NavigationManager would reload the page; the script replaces the history entry instead.
        string url = Navigation.BaseUri + "?" + _state.ToQuery();
        if (url != _shareUrl)
        {
            ExplorerScript.SetUrl(url);
            _shareUrl = url;
        }
        StateHasChanged();
        return Task.CompletedTask;
    }

    private static double Log10(double value) => Math.Round(Math.Log10(value), 2);

    /// <summary>10 to the slider's value, to three significant digits so that the URL stays readable.</summary>
    private static double RoundedPower(object? slider) =>
        double.Parse(Math.Pow(10, double.Parse(slider?.ToString() ?? "0", CultureInfo.InvariantCulture)).ToString("G3", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>The same rounding for the runs' learning-rate sliders.</summary>
    public static double FromLogSlider(object? slider) => RoundedPower(slider);
}
