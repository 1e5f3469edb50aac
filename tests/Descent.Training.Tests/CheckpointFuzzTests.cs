using System.Text;
using Descent.IO;
using Descent.NN;
using Descent.Optim;

namespace Descent.Training.Tests;

/// <summary>
/// Mutations of a valid run checkpoint — bit flips, overwritten bytes, truncations, header edits, random bytes,
/// appended garbage — either load to exactly the original or are refused with <see cref="TensorFileException"/>;
/// nothing else is thrown, and a refused load changes nothing.
/// </summary>
public sealed class CheckpointFuzzTests
{
    private sealed record Target(Sequential Model, AdamW Optimizer, Generator Generator);

    private static Target Fresh()
    {
        var g = new Generator(2);
        var model = new Sequential(new Linear(3, 5, generator: g), new Tanh(), new Linear(5, 2, generator: g));
        return new Target(model, new AdamW(model.Parameters(), amsgrad: true), g);
    }

    private static string Snapshot(Target t) =>
        string.Join(";", t.Model.StateDict().Select(kv => kv.Key + "=" + string.Join(",", kv.Value.ToArray()))) + "|" +
        t.Optimizer.StateDict() + "|" + Convert.ToBase64String(t.Generator.GetState());

    [Fact]
    public void EveryMutationLoadsTheOriginalOrIsRefusedCleanly()
    {
        string dir = Directory.CreateTempSubdirectory("descent-fuzz-").FullName;
        try
        {
            Target source = Fresh();
            Tensor x = Tensor.Randn([8, 3], new Generator(3));
            for (int i = 0; i < 3; i++)
            {
                source.Optimizer.ZeroGrad();
                source.Model.Forward(x).Square().Mean().Backward();
                source.Optimizer.Step();
            }
            string path = Path.Combine(dir, "run.safetensors");
            RunCheckpoint.Save(path, source.Model, source.Optimizer, null, source.Generator,
                new RunProgress(3, 3, 2, new Dictionary<string, IReadOnlyDictionary<string, object?>> { ["history"] = new Dictionary<string, object?> { ["csv"] = "epoch\n1\n" } }));
            byte[] original = File.ReadAllBytes(path);
            string expected = Snapshot(source);

            int loaded = 0;
            int refused = 0;
            const int mutations = 10_000;
            for (int seed = 0; seed < mutations; seed++)
            {
                var random = new Random(seed);
                (byte[] bytes, string kind) = Mutate(original, random);
                Target target = Fresh();
                string before = Snapshot(target);
                try
                {
                    SafeTensorsFile file = SafeTensors.Read(new MemoryStream(bytes), "fuzz");
                    RunCheckpoint.Load(file, target.Model, target.Optimizer, null, target.Generator);
                    Assert.True(Snapshot(target) == expected, $"seed {seed} ({kind}) loaded something other than the original");
                    loaded++;
                }
                catch (TensorFileException)
                {
                    Assert.True(Snapshot(target) == before, $"seed {seed} ({kind}) was refused but changed the target");
                    refused++;
                }
                catch (Exception e)
                {
                    Assert.Fail($"seed {seed} ({kind}): {e.GetType().Name}: {e.Message}");
                }
            }
            Assert.Equal(mutations, loaded + refused);
            Assert.True(refused > mutations / 2, $"only {refused} of {mutations} mutations were refused");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static (byte[] Bytes, string Kind) Mutate(byte[] original, Random random)
    {
        byte[] b = (byte[])original.Clone();
        int headerEnd = 8 + (int)BitConverter.ToUInt64(original, 0);
        switch (random.Next(8))
        {
            case 0:
                int bit = random.Next(b.Length * 8);
                b[bit / 8] ^= (byte)(1 << (bit % 8));
                return (b, "bit flip");
            case 1:
                b[random.Next(b.Length)] = (byte)random.Next(256);
                return (b, "byte overwrite");
            case 2:
                return (b[..random.Next(b.Length)], "truncation");
            case 3:
                BitConverter.TryWriteBytes(b.AsSpan(0, 8), (ulong)random.NextInt64(0, 2L * original.Length));
                return (b, "header length");
            case 4:
                int start = random.Next(b.Length);
                int count = random.Next(1, Math.Min(64, b.Length - start) + 1);
                random.NextBytes(b.AsSpan(start, count));
                return (b, "random bytes");
            case 5:
                var extra = new byte[random.Next(1, 32)];
                random.NextBytes(extra);
                return ([.. b, .. extra], "appended");
            case 6:
                // A digit in the header changes: an offset, a shape, a hyperparameter or a counter.
                int[] digits = Enumerable.Range(8, headerEnd - 8).Where(i => b[i] is >= (byte)'0' and <= (byte)'9').ToArray();
                int at = digits[random.Next(digits.Length)];
                b[at] = (byte)('0' + (b[at] - '0' + random.Next(1, 10)) % 10);
                return (b, "header digit");
            default:
                // A header character becomes another printable one.
                int pos = random.Next(8, headerEnd);
                b[pos] = (byte)random.Next(32, 127);
                return (b, "header character");
        }
    }
}
