using System.Text.Json;
using Descent.Interop.Pt;
using Descent.NN;
using Descent.Optim;

namespace Descent.Interop.Tests.Pt;

/// <summary>
/// An AdamW run moves between PyTorch and Descent through .pt files: begun in PyTorch and continued in Descent, and
/// begun in Descent and continued in PyTorch (tools/reference/pt_files.py check), each matching the other's
/// continuation within the optimizer fixtures' tolerance.
/// </summary>
public sealed class PtRoundTripTests
{
    // Five steps of full forward and backward passes in float32 on both sides; the optimizer fixtures' 1e-5.
    private const double Rel = 1e-5;
    private const double Abs = 1e-6;

    [Fact]
    public void AnAdamWRunBegunInPyTorchContinuesInDescentAsInPyTorch()
    {
        JsonElement expected = PtFixtures.Json("adamw_continuation.json");
        Sequential model = PtFixtures.Model();
        AdamW optimizer = PtFixtures.Optimizer(model);
        model.LoadPtStateDict(PtFixtures.File("adamw_model_k3.pt"));
        optimizer.LoadPtStateDict(PtFixtures.File("adamw_optim_k3.pt"));

        Continue(model, optimizer, expected, expected, "torch → Descent");
    }

    [Fact]
    public void AnAdamWRunBegunInDescentContinuesInPyTorchAsInDescent()
    {
        JsonElement run = PtFixtures.Json("adamw_continuation.json");
        Sequential model = PtFixtures.Model();
        model.LoadPtStateDict(PtFixtures.File("adamw_initial_model.pt"));
        AdamW optimizer = PtFixtures.Optimizer(model);
        Tensor x = PtFixtures.ToTensor(run.GetProperty("x"));
        Tensor y = PtFixtures.ToTensor(run.GetProperty("y"));
        float[] losses = Enumerable.Range(0, 3).Select(_ => PtFixtures.Step(model, optimizer, x, y)).ToArray();
        PtFixtures.Close([.. run.GetProperty("losses_before").EnumerateArray().Select(v => v.GetDouble())], losses, "Descent's first 3 losses", Rel, Abs);

        string folder = Environment.GetEnvironmentVariable("DESCENT_WRITE_PT_FIXTURES") ?? Path.Combine(Path.GetTempPath(), $"descent-pt-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            model.SavePtStateDict(Path.Combine(folder, "descent_model_k3.pt"));
            optimizer.SavePtStateDict(Path.Combine(folder, "descent_optim_k3.pt"));

            // The committed files are what torch read; Descent writes the same values today.
            string committed = Path.Combine(PtFixtures.Folder, "descent");
            foreach (string name in new[] { "descent_model_k3.pt" })
            {
                var now = PtFile.ReadModuleStateDict(Path.Combine(folder, name));
                var then = PtFile.ReadModuleStateDict(Path.Combine(committed, name));
                foreach ((string key, Tensor value) in then)
                {
                    PtFixtures.Close([.. value.ToArray().Select(f => (double)f)], now[key].AsReadOnlySpan(), $"{name} {key}", Rel, Abs);
                }
            }
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("DESCENT_WRITE_PT_FIXTURES") is null)
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        JsonElement torch = PtFixtures.Json(Path.Combine("descent", "descent_read_by_torch.json"));
        Sequential fromFiles = PtFixtures.Model();
        AdamW continued = PtFixtures.Optimizer(fromFiles);
        fromFiles.LoadPtStateDict(PtFixtures.File(Path.Combine("descent", "descent_model_k3.pt")));
        continued.LoadPtStateDict(PtFixtures.File(Path.Combine("descent", "descent_optim_k3.pt")));

        // torch read exactly the values Descent wrote: weights, moments and step counts.
        foreach ((string key, Tensor value) in fromFiles.StateDict())
        {
            Assert.Equal(PtFixtures.Values(torch.GetProperty("read_model").GetProperty(key)), value.ToArray().Select(f => (double)f));
        }
        OptimizerStateDict saved = continued.StateDict();
        foreach ((int index, IReadOnlyDictionary<string, object> entries) in saved.State)
        {
            foreach ((string key, object value) in entries)
            {
                Assert.Equal(PtFixtures.Values(torch.GetProperty("read_state").GetProperty($"{index}").GetProperty(key)),
                    ((Tensor)value).ToArray().Select(f => (double)f));
            }
        }
        JsonElement group = torch.GetProperty("read_param_groups")[0];
        Assert.Equal(0.01, group.GetProperty("lr").GetDouble());
        Assert.Equal(0.1, group.GetProperty("weight_decay").GetDouble());
        Assert.Equal([0.9, 0.999], group.GetProperty("betas").EnumerateArray().Select(b => b.GetDouble()));

        Continue(fromFiles, continued, run, torch, "Descent → torch");
    }

    /// <summary>Runs the continuation in Descent and compares it with <paramref name="expected"/>'s.</summary>
    private static void Continue(Module model, Optimizer optimizer, JsonElement run, JsonElement expected, string what)
    {
        Tensor x = PtFixtures.ToTensor(run.GetProperty("x"));
        Tensor y = PtFixtures.ToTensor(run.GetProperty("y"));
        JsonElement losses = expected.GetProperty("losses");
        JsonElement parameters = expected.GetProperty("params");
        for (int i = 0; i < losses.GetArrayLength(); i++)
        {
            float loss = PtFixtures.Step(model, optimizer, x, y);
            PtFixtures.Close([losses[i].GetDouble()], [loss], $"{what}: loss {i}", Rel, Abs);
            foreach ((string key, Tensor value) in model.StateDict())
            {
                PtFixtures.Close(PtFixtures.Values(parameters[i].GetProperty(key)), value.AsReadOnlySpan(), $"{what}: step {i}, {key}", Rel, Abs);
            }
        }
        foreach ((int index, IReadOnlyDictionary<string, object> entries) in optimizer.StateDict().State)
        {
            foreach ((string key, object value) in entries)
            {
                PtFixtures.Close(PtFixtures.Values(expected.GetProperty("final_state").GetProperty($"{index}").GetProperty(key)),
                    ((Tensor)value).AsReadOnlySpan(), $"{what}: state {index} {key}", Rel, Abs);
            }
        }
    }
}
