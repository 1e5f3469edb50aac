using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Descent.IO;
using Xunit.Abstractions;
using static Descent.Tensors.Tests.IO.TensorFileSamples;

namespace Descent.Tensors.Tests.IO;

/// <summary>
/// Mutated files either load to what their bytes say or throw <see cref="TensorFileException"/>; nothing else.
/// </summary>
/// <remarks>
/// A mutation that only touches data bytes, or that turns the header into another valid header (a swapped shape,
/// a renamed entry), yields a valid file with other contents: the format has no checksum. So "loaded" is checked
/// in two ways: either the content is exactly the original's, or it is exactly what an independent, permissive
/// decoder reads from the mutated bytes, and then it survives another write and read unchanged. Every mutation
/// is drawn from <c>new Random(seed)</c>, and a failure prints the seed, so it replays with
/// <c>Mutate(SeedFiles()[file].Bytes, new Random(seed))</c>.
/// </remarks>
public sealed class SafeTensorsFuzzTests(ITestOutputHelper output)
{
    private const int MutationsPerFile = 2_500;

    private static readonly byte[] s_interestingBytes =
        [.. "{}[]\",:- 0123456789.eE\\"u8, 0x00, 0x7F, 0x80, 0xC3, 0xFF, (byte)'F', (byte)'I', (byte)'n', (byte)'t'];

    private static readonly JsonSerializerOptions s_compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions s_indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };

    private enum Outcome
    {
        Refused,
        Identical,
        Changed,
    }

    [Fact]
    public void MutatedFilesLoadFaithfullyOrThrowTensorFileException()
    {
        var stopwatch = Stopwatch.StartNew();
        var counts = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        IReadOnlyList<(string Name, byte[] Bytes)> seeds = SeedFiles();
        for (int f = 0; f < seeds.Count; f++)
        {
            (string fileName, byte[] original) = seeds[f];
            SafeTensorsFile expected = Read(original);
            for (int i = 0; i < MutationsPerFile; i++)
            {
                int seed = f * 1_000_000 + i;
                (string kind, string description, byte[] mutated) = Mutate(original, new Random(seed));
                Outcome outcome = Check(expected, mutated, $"fuzz/{fileName}/{seed}", out string? failure);
                if (failure is not null)
                {
                    Assert.Fail($"file {fileName} (#{f}), seed {seed}, mutation {kind}: {description}\n{failure}");
                }
                if (!counts.TryGetValue(kind, out int[]? row))
                {
                    counts[kind] = row = new int[3];
                }
                row[(int)outcome]++;
            }
        }
        stopwatch.Stop();

        int total = counts.Values.Sum(r => r.Sum());
        output.WriteLine($"{total} mutations of {seeds.Count} files in {stopwatch.Elapsed.TotalSeconds:F2} s");
        output.WriteLine($"{"mutation",-16} {"refused",8} {"identical",10} {"changed",8}");
        foreach ((string kind, int[] row) in counts)
        {
            output.WriteLine($"{kind,-16} {row[0],8} {row[1],10} {row[2],8}");
        }
        output.WriteLine($"{"total",-16} {counts.Values.Sum(r => r[0]),8} {counts.Values.Sum(r => r[1]),10} {counts.Values.Sum(r => r[2]),8}");
        Assert.True(total >= 10_000);
        Assert.All(counts.Values, row => Assert.True(row[0] > 0, "every kind of mutation should sometimes be refused"));
    }

    private static Outcome Check(SafeTensorsFile expected, byte[] mutated, string sourceName, out string? failure)
    {
        failure = null;
        SafeTensorsFile loaded;
        try
        {
            loaded = Read(mutated, sourceName);
        }
        catch (TensorFileException e)
        {
            if (!e.Message.Contains(sourceName, StringComparison.Ordinal))
            {
                failure = "the message does not name the file: " + e.Message;
            }
            return Outcome.Refused;
        }
        catch (Exception e)
        {
            failure = "unexpected exception: " + e;
            return Outcome.Refused;
        }

        if (SameContent(expected, loaded, out _))
        {
            return Outcome.Identical;
        }
        failure = Unfaithful(mutated, loaded);
        if (failure is null && !SameContent(loaded, Read(Write(loaded.Tensors, loaded.Metadata)), out string difference, inAnyOrder: true))
        {
            failure = "a changed file did not survive another write and read: " + difference;
        }
        if (failure is not null)
        {
            failure = $"loaded, but neither as the original nor as its bytes say: {failure}\nbytes: {Convert.ToHexString(mutated)}";
        }
        return Outcome.Changed;
    }

    /// <summary>Decodes the mutated file without any checks and compares it with what the loader returned.</summary>
    private static string? Unfaithful(byte[] bytes, SafeTensorsFile loaded)
    {
        int headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        int dataStart = 8 + headerLength;
        using JsonDocument header = JsonDocument.Parse(bytes.AsMemory(8, headerLength));
        var entries = new List<(string Name, long Begin, long End)>();
        var metadata = new Dictionary<string, string>();
        foreach (JsonProperty property in header.RootElement.EnumerateObject())
        {
            if (property.Name == "__metadata__")
            {
                foreach (JsonProperty m in property.Value.EnumerateObject())
                {
                    metadata.Add(m.Name, m.Value.GetString()!);
                }
                continue;
            }
            if (!loaded.Tensors.TryGetValue(property.Name, out TensorData? data))
            {
                return $"entry '{property.Name}' was not loaded";
            }
            string dtype = property.Value.GetProperty("dtype").GetString()!;
            int[] shape = [.. property.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32())];
            long begin = property.Value.GetProperty("data_offsets")[0].GetInt64();
            long end = property.Value.GetProperty("data_offsets")[1].GetInt64();
            entries.Add((property.Name, begin, end));
            if (data.ToString() != $"TensorData({dtype}, [{string.Join(',', shape)}])")
            {
                return $"entry '{property.Name}' is {data}, but the header says {dtype} [{string.Join(',', shape)}]";
            }
            if (!bytes.AsSpan(dataStart + (int)begin, (int)(end - begin)).SequenceEqual(RawBytesOf(data)))
            {
                return $"entry '{property.Name}' has other values than bytes [{begin}, {end}) of the data";
            }
        }
        string[] fileOrder = [.. entries.OrderBy(e => e.Begin).ThenBy(e => e.End).Select(e => e.Name)];
        if (!fileOrder.SequenceEqual(loaded.Tensors.Keys))
        {
            return $"entries [{string.Join(", ", loaded.Tensors.Keys)}] are not in file order [{string.Join(", ", fileOrder)}]";
        }
        if (metadata.Count != loaded.Metadata.Count || metadata.Any(kv => !loaded.Metadata.TryGetValue(kv.Key, out string? v) || v != kv.Value))
        {
            return "the metadata differs from the header's";
        }
        return null;
    }

    /// <summary>Draws one mutation of <paramref name="file"/>; the same seed always gives the same mutation.</summary>
    internal static (string Kind, string Description, byte[] Bytes) Mutate(byte[] file, Random random)
    {
        int headerEnd = 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(file);
        return random.Next(12) switch
        {
            0 => FlipBits(file, headerEnd, random),
            1 => OverwriteBytes(file, headerEnd, random),
            2 => Truncate(file, headerEnd, random),
            3 => EditHeaderLength(file, headerEnd, random),
            4 or 5 or 6 => EditJson(file, headerEnd, random),
            7 => EditText(file, headerEnd, random),
            8 => RandomBytes(file, random),
            9 => AppendGarbage(file, random),
            10 => InsertOrDelete(file, random),
            _ => Splice(file, random),
        };
    }

    // Three in four positions fall in the header, where a change is more than a changed value.
    private static int Position(int headerEnd, int length, Random random) =>
        random.Next(4) > 0 ? random.Next(headerEnd) : random.Next(length);

    private static (string, string, byte[]) FlipBits(byte[] file, int headerEnd, Random random)
    {
        byte[] bytes = (byte[])file.Clone();
        var flips = new List<string>();
        for (int k = random.Next(1, 4); k > 0; k--)
        {
            int at = Position(headerEnd, bytes.Length, random);
            int bit = random.Next(8);
            bytes[at] ^= (byte)(1 << bit);
            flips.Add($"byte {at} bit {bit}");
        }
        return ("bit flip", string.Join(", ", flips), bytes);
    }

    private static (string, string, byte[]) OverwriteBytes(byte[] file, int headerEnd, Random random)
    {
        byte[] bytes = (byte[])file.Clone();
        var writes = new List<string>();
        for (int k = random.Next(1, 4); k > 0; k--)
        {
            int at = Position(headerEnd, bytes.Length, random);
            byte value = random.Next(2) == 0 ? s_interestingBytes[random.Next(s_interestingBytes.Length)] : (byte)random.Next(256);
            bytes[at] = value;
            writes.Add($"byte {at} := 0x{value:X2}");
        }
        return ("byte overwrite", string.Join(", ", writes), bytes);
    }

    private static (string, string, byte[]) Truncate(byte[] file, int headerEnd, Random random)
    {
        int length = random.Next(5) switch
        {
            0 => random.Next(8),
            1 => 8 + random.Next(headerEnd - 8),
            2 => headerEnd,
            3 => headerEnd + random.Next(Math.Max(1, file.Length - headerEnd)),
            _ => file.Length - 1,
        };
        length = Math.Min(length, file.Length - 1);
        return ("truncation", $"cut to {length} of {file.Length} bytes", file[..length]);
    }

    private static (string, string, byte[]) EditHeaderLength(byte[] file, int headerEnd, Random random)
    {
        ulong n = (ulong)(headerEnd - 8);
        ulong[] choices =
        [
            0, 1, 2, n - 1, n + 1, n - 8, n + 8, (ulong)(file.Length - 8), (ulong)(file.Length - 7),
            100_000_000, 100_000_001, ulong.MaxValue, long.MaxValue, 1UL << 32, (ulong)random.NextInt64(),
            n ^ (1UL << random.Next(64)),
        ];
        ulong value = choices[random.Next(choices.Length)];
        byte[] bytes = (byte[])file.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return ("header length", $"{n} -> {value}", bytes);
    }

    private static (string, string, byte[]) RandomBytes(byte[] file, Random random)
    {
        int keep = random.Next(2) == 0 ? 0 : random.Next(file.Length);
        byte[] noise = new byte[random.Next(file.Length * 2)];
        random.NextBytes(noise);
        return ("random bytes", $"first {keep} bytes kept, then {noise.Length} random", [.. file.AsSpan(0, keep), .. noise]);
    }

    private static (string, string, byte[]) AppendGarbage(byte[] file, Random random)
    {
        byte[] garbage = new byte[random.Next(1, 33)];
        if (random.Next(2) == 0)
        {
            random.NextBytes(garbage);
        }
        else
        {
            garbage.AsSpan().Fill(random.Next(2) == 0 ? (byte)' ' : (byte)0);
        }
        return ("appended", $"{garbage.Length} bytes: {Convert.ToHexString(garbage)}", [.. file, .. garbage]);
    }

    private static (string, string, byte[]) InsertOrDelete(byte[] file, Random random)
    {
        int at = random.Next(file.Length);
        if (random.Next(2) == 0)
        {
            int count = Math.Min(random.Next(1, 9), file.Length - at);
            return ("deleted", $"{count} bytes at {at}", [.. file.AsSpan(0, at), .. file.AsSpan(at + count)]);
        }
        byte[] inserted = new byte[random.Next(1, 9)];
        random.NextBytes(inserted);
        return ("inserted", $"{Convert.ToHexString(inserted)} at {at}", [.. file.AsSpan(0, at), .. inserted, .. file.AsSpan(at)]);
    }

    private static (string, string, byte[]) Splice(byte[] file, Random random)
    {
        byte[] bytes = (byte[])file.Clone();
        int from = random.Next(bytes.Length), to = random.Next(bytes.Length);
        int count = Math.Min(random.Next(1, 33), Math.Min(bytes.Length - from, bytes.Length - to));
        file.AsSpan(from, count).CopyTo(bytes.AsSpan(to));
        return ("spliced", $"{count} bytes from {from} copied to {to}", bytes);
    }

    /// <summary>Changes one thing in the parsed header (offsets, dtype, shape, fields, names, metadata) and writes it back.</summary>
    private static (string, string, byte[]) EditJson(byte[] file, int headerEnd, Random random)
    {
        var root = JsonNode.Parse(file.AsSpan(8, headerEnd - 8))!.AsObject();
        string[] names = [.. root.Select(p => p.Key).Where(k => k != "__metadata__")];
        long dataLength = file.Length - headerEnd;
        JsonNode Number() => random.Next(10) switch
        {
            0 => -1,
            1 => 0,
            2 => 1.5,
            3 => "8",
            4 => long.MaxValue,
            5 => JsonValue.Create(18446744073709551617m),
            6 => int.MaxValue + 1L,
            7 => dataLength,
            8 => dataLength + 4,
            _ => random.Next(64),
        };
        string description;
        int choice = random.Next(names.Length == 0 ? 4 : 14);
        string name = names.Length == 0 ? "" : names[random.Next(names.Length)];
        JsonObject? entry = names.Length == 0 ? null : root[name] as JsonObject;
        switch (choice)
        {
            case 0:
                JsonNode? metadata = random.Next(4) switch
                {
                    0 => null,
                    1 => new JsonArray("k", "v"),
                    2 => new JsonObject { ["k"] = random.Next(2) == 0 ? 3 : null },
                    _ => new JsonObject { ["k"] = "v", ["new"] = "value" },
                };
                root["__metadata__"] = metadata;
                description = $"__metadata__ := {metadata?.ToJsonString() ?? "null"}";
                break;
            case 1:
                root.Remove("__metadata__");
                description = "__metadata__ removed";
                break;
            case 2:
                string added = random.Next(2) == 0 ? "extra" : "__metadata__x";
                root[added] = new JsonObject { ["dtype"] = "F32", ["shape"] = new JsonArray(random.Next(3)), ["data_offsets"] = new JsonArray(Number(), Number()) };
                description = $"entry '{added}' added: {root[added]!.ToJsonString()}";
                break;
            case 3:
                root["x"] = random.Next(3) switch { 0 => 5, 1 => "s", _ => new JsonArray() };
                description = $"entry 'x' := {root["x"]!.ToJsonString()}";
                break;
            case 4:
            case 5:
            case 6:
                {
                    var offsets = (JsonArray)entry!["data_offsets"]!;
                    int k = random.Next(2);
                    long old = offsets[k]!.GetValue<long>();
                    JsonNode value = random.Next(2) == 0 ? (old + random.Next(-9, 10)) : Number();
                    offsets[k] = value;
                    description = $"'{name}'.data_offsets[{k}] {old} -> {value.ToJsonString()}";
                    break;
                }
            case 7:
                {
                    string[] dtypes = ["F32", "F64", "I64", "BF16", "F16", "U8", "BOOL", "I32", "U64", "f32", "", "F32 "];
                    string dtype = dtypes[random.Next(dtypes.Length)];
                    entry!["dtype"] = random.Next(10) == 0 ? 32 : dtype;
                    description = $"'{name}'.dtype := {entry["dtype"]!.ToJsonString()}";
                    break;
                }
            case 8:
            case 9:
                {
                    var shape = (JsonArray)entry!["shape"]!;
                    string before = shape.ToJsonString();
                    switch (random.Next(6))
                    {
                        case 0 when shape.Count > 0:
                            int at = random.Next(shape.Count);
                            shape[at] = random.Next(2) == 0 ? shape[at]!.GetValue<int>() + random.Next(-2, 3) : Number();
                            break;
                        case 1:
                            shape.Insert(random.Next(shape.Count + 1), random.Next(3));
                            break;
                        case 2 when shape.Count > 0:
                            shape.RemoveAt(random.Next(shape.Count));
                            break;
                        case 3 when shape.Count > 1:
                            JsonNode first = shape[0]!.DeepClone();
                            shape[0] = shape[^1]!.DeepClone();
                            shape[^1] = first;
                            break;
                        case 4:
                            entry["shape"] = random.Next(2) == 0 ? 4 : null;
                            break;
                        default:
                            shape.Clear();
                            break;
                    }
                    description = $"'{name}'.shape {before} -> {entry["shape"]?.ToJsonString() ?? "null"}";
                    break;
                }
            case 10:
                {
                    string[] fields = ["dtype", "shape", "data_offsets"];
                    string field = fields[random.Next(3)];
                    if (random.Next(2) == 0)
                    {
                        entry!.Remove(field);
                        description = $"'{name}'.{field} removed";
                    }
                    else
                    {
                        entry!["strides"] = new JsonArray(1);
                        description = $"'{name}'.strides added";
                    }
                    break;
                }
            case 11:
                {
                    string renamed = random.Next(3) switch { 0 => name + "x", 1 => "", _ => "__metadata__" };
                    JsonNode value = root[name]!;
                    root.Remove(name);
                    if (root.ContainsKey(renamed))
                    {
                        root.Remove(renamed);
                    }
                    root[renamed] = value;
                    description = $"'{name}' renamed to '{renamed}'";
                    break;
                }
            case 12:
                {
                    string other = names[random.Next(names.Length)];
                    JsonNode a = root[name]!["data_offsets"]!.DeepClone(), b = root[other]!["data_offsets"]!.DeepClone();
                    root[name]!["data_offsets"] = b;
                    root[other]!["data_offsets"] = a;
                    description = $"data_offsets of '{name}' and '{other}' swapped";
                    break;
                }
            default:
                if (random.Next(2) == 0)
                {
                    root.Remove(name);
                    description = $"'{name}' removed";
                }
                else
                {
                    root[name + "_copy"] = root[name]!.DeepClone();
                    description = $"'{name}' copied to '{name}_copy'";
                }
                break;
        }

        byte[] json = Encoding.UTF8.GetBytes(root.ToJsonString(random.Next(4) == 0 ? s_indented : s_compact));
        bool pad = random.Next(2) == 0;
        int padded = pad ? (json.Length + 7) / 8 * 8 : json.Length;
        bool fixLength = random.Next(8) > 0;
        ulong length = fixLength ? (ulong)padded : (ulong)(headerEnd - 8);
        byte[] bytes = new byte[8 + padded + file.Length - headerEnd];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, length);
        json.CopyTo(bytes, 8);
        bytes.AsSpan(8 + json.Length, padded - json.Length).Fill((byte)' ');
        file.AsSpan(headerEnd).CopyTo(bytes.AsSpan(8 + padded));
        return ("json edit", $"{description} ({(pad ? "padded" : "unpadded")}, length {(fixLength ? "updated" : "kept")})", bytes);
    }

    /// <summary>Edits the header text: a digit for another, a structural character for another, or one character removed.</summary>
    private static (string, string, byte[]) EditText(byte[] file, int headerEnd, Random random)
    {
        byte[] bytes = (byte[])file.Clone();
        if (headerEnd <= 8)
        {
            return ("text edit", "no header to edit", bytes);
        }
        int at = 8 + random.Next(headerEnd - 8);
        for (int tries = 0; tries < 32 && !IsEditable(bytes[at]); tries++)
        {
            at = 8 + random.Next(headerEnd - 8);
        }
        byte old = bytes[at];
        byte[] replacements = char.IsAsciiDigit((char)old) ? "0123456789"u8.ToArray() : "{}[],:\" 1-"u8.ToArray();
        switch (random.Next(3))
        {
            case 0:
            case 1:
                bytes[at] = replacements[random.Next(replacements.Length)];
                return ("text edit", $"header byte {at} '{(char)old}' -> '{(char)bytes[at]}'", bytes);
            default:
                // Removing a character and keeping the total length right, as a careless hand edit would.
                byte[] shorter = [.. file.AsSpan(0, at), .. file.AsSpan(at + 1, headerEnd - at - 1), (byte)' ', .. file.AsSpan(headerEnd)];
                return ("text edit", $"header byte {at} '{(char)old}' removed, a space appended", shorter);
        }
    }

    private static bool IsEditable(byte b) => char.IsAsciiDigit((char)b) || "{}[],:\""u8.Contains(b);
}
