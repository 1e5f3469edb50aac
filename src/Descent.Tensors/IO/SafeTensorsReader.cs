using System.Buffers.Binary;
using System.Collections.ObjectModel;
using System.Runtime.InteropServices;

namespace Descent.IO;

/// <summary>Reads and fully checks a safetensors file from a seekable stream.</summary>
/// <remarks>
/// Every size is checked against the stream's length before anything is allocated, so a corrupt or hostile file
/// cannot make the reader allocate more than the file's own size: the header buffer is at most the bytes that
/// follow the length prefix, and the entries, once they tile the data section exactly, add up to its size.
/// </remarks>
internal sealed class SafeTensorsReader
{
    /// <summary>The largest header accepted, the reference library's limit.</summary>
    public const int MaxHeaderBytes = 100_000_000;

    // Reads are split into slices of this many elements, because a span cannot cover more than 2 GB.
    private const int SliceElements = 1 << 20;

    private readonly Stream _stream;
    private readonly string _sourceName;

    private SafeTensorsReader(Stream stream, string sourceName)
    {
        _stream = stream;
        _sourceName = sourceName;
    }

    /// <summary>Reads the file that spans <paramref name="stream"/> from its current position to its end.</summary>
    /// <exception cref="TensorFileException">The file is truncated, malformed or unsupported.</exception>
    public static SafeTensorsFile Read(Stream stream, string sourceName) => new SafeTensorsReader(stream, sourceName).Read();

    private SafeTensorsFile Read()
    {
        long available = _stream.Length - _stream.Position;
        if (available < sizeof(ulong))
        {
            throw Fail($"the file is {Math.Max(available, 0)} bytes long, too short for the 8-byte header length (it is truncated or not a safetensors file)");
        }
        Span<byte> prefix = stackalloc byte[sizeof(ulong)];
        ReadExactly(prefix);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > MaxHeaderBytes)
        {
            throw Fail($"the header length {headerLength} is above the limit of {MaxHeaderBytes} bytes (the file is corrupt or not a safetensors file)");
        }
        long afterPrefix = available - sizeof(ulong);
        if ((long)headerLength > afterPrefix)
        {
            throw Fail($"the header length {headerLength} runs past the end of the file, where only {afterPrefix} bytes follow it (the file is truncated or the length is corrupt)");
        }

        var headerBytes = new byte[headerLength];
        ReadExactly(headerBytes);
        long dataLength = afterPrefix - (long)headerLength;
        SafeTensorsHeader header = SafeTensorsHeader.Parse(headerBytes, dataLength, _sourceName);

        List<HeaderEntry> entries = header.Entries;
        CheckTiling(entries, dataLength);

        var tensors = new OrderedDictionary<string, TensorData>(entries.Count, StringComparer.Ordinal);
        foreach (HeaderEntry entry in entries)
        {
            Array values = entry.DType switch
            {
                TensorDType.Float32 => ReadValues<float>(entry.NumElements),
                TensorDType.Float64 => ReadValues<double>(entry.NumElements),
                _ => ReadValues<long>(entry.NumElements),
            };
            tensors.Add(entry.Name, TensorData.Adopt(entry.DType, entry.Shape, values));
        }
        return new SafeTensorsFile(
            _sourceName,
            new ReadOnlyDictionary<string, TensorData>(tensors),
            new ReadOnlyDictionary<string, string>(header.Metadata));
    }

    /// <summary>Sorts the entries by offset and checks that they tile the data section exactly, as the reference library requires.</summary>
    private void CheckTiling(List<HeaderEntry> entries, long dataLength)
    {
        // Stable, so entries of zero bytes at one offset keep their header order.
        HeaderEntry[] sorted = [.. entries.OrderBy(e => e.Begin).ThenBy(e => e.End)];
        entries.Clear();
        entries.AddRange(sorted);

        long covered = 0;
        for (int i = 0; i < sorted.Length; i++)
        {
            HeaderEntry entry = sorted[i];
            if (entry.Begin < covered)
            {
                throw Fail($"entries {SafeTensorsHeader.Show(sorted[i - 1].Name)} and {SafeTensorsHeader.Show(entry.Name)} overlap in the data section");
            }
            if (entry.Begin > covered)
            {
                throw Fail($"bytes {covered} to {entry.Begin} of the data section belong to no entry");
            }
            covered = entry.End;
        }
        if (covered != dataLength)
        {
            throw Fail($"the entries cover {covered} bytes, but the data section holds {dataLength} (the file has trailing bytes)");
        }
    }

    private T[] ReadValues<T>(int count)
        where T : unmanaged
    {
        var values = new T[count];
        for (int start = 0; start < count; start += SliceElements)
        {
            ReadExactly(MemoryMarshal.AsBytes(values.AsSpan(start, Math.Min(SliceElements, count - start))));
        }
        return values;
    }

    private void ReadExactly(Span<byte> buffer)
    {
        try
        {
            _stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException e)
        {
            // The length was checked up front, so the file shrank while it was read.
            throw Fail("the file ended early while it was read (it is truncated or was changed meanwhile)", e);
        }
    }

    private TensorFileException Fail(string problem, Exception? inner = null) => new(_sourceName, problem, inner);
}
