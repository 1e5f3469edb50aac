namespace Descent.IO;

/// <summary>
/// Reads and writes tensor files in the safetensors format, the format of Hugging Face's <c>safetensors</c>
/// library: an 8-byte little-endian header length, a JSON header that maps names to dtype, shape and byte
/// range, then the raw little-endian, row-major data.
/// </summary>
/// <remarks>
/// <para>
/// Files are written as the reference library writes them (see <see cref="Write(Stream, IReadOnlyDictionary{string, TensorData}, IReadOnlyDictionary{string, string}?)"/>),
/// and the reference library reads them. <see cref="TensorDType.Float32"/>, <see cref="TensorDType.Float64"/> and
/// <see cref="TensorDType.Int64"/> are read and written; a file holding any other dtype (BF16, F16, U8, BOOL, …) is
/// refused as a whole rather than read in part.
/// </para>
/// <para>
/// Loading checks everything before it trusts anything and throws <see cref="TensorFileException"/>, naming the
/// file and the problem, for a truncated file, a header length beyond the file or above 100,000,000 bytes, a header
/// that is not UTF-8 JSON of the expected shape, duplicate names or fields, unknown fields or dtypes, shape entries
/// that are not non-negative integers, an element count above <see cref="Array.MaxLength"/>, byte ranges that do not
/// match dtype × shape, run past the data, overlap, leave gaps or leave trailing bytes, and a <c>__metadata__</c>
/// that is not an object of strings. Loading never executes anything from the file and never allocates more than
/// the file's size.
/// </para>
/// </remarks>
public static class SafeTensors
{
    /// <summary>Writes float32 tensors to <paramref name="path"/> atomically (see <see cref="AtomicFile.Write"/>).</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="tensors">The tensors by name.</param>
    /// <param name="metadata">Free-form strings stored in the header's <c>__metadata__</c>; omitted when null or empty.</param>
    /// <exception cref="ArgumentException">A name is <c>__metadata__</c> or not valid UTF-16, a tensor is null, or a metadata string is null or not valid UTF-16.</exception>
    /// <exception cref="IOException">The file could not be written; the previous file, if any, is untouched.</exception>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        SafeTensorsWriter layout = Prepare(tensors, metadata);
        AtomicFile.Write(path, layout.WriteTo);
    }

    /// <summary>Writes typed entries to <paramref name="path"/> atomically (see <see cref="AtomicFile.Write"/>).</summary>
    /// <inheritdoc cref="Save(string, IReadOnlyDictionary{string, Tensor}, IReadOnlyDictionary{string, string}?)"/>
    public static void Save(string path, IReadOnlyDictionary<string, TensorData> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        SafeTensorsWriter layout = Prepare(tensors, metadata);
        AtomicFile.Write(path, layout.WriteTo);
    }

    /// <summary>Writes float32 tensors to <paramref name="stream"/> from its current position.</summary>
    /// <inheritdoc cref="Write(Stream, IReadOnlyDictionary{string, TensorData}, IReadOnlyDictionary{string, string}?)"/>
    public static void Write(Stream stream, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Prepare(tensors, metadata).WriteTo(stream);
    }

    /// <summary>Writes typed entries to <paramref name="stream"/> from its current position.</summary>
    /// <param name="stream">The destination; it is neither flushed nor disposed.</param>
    /// <param name="tensors">The entries by name.</param>
    /// <param name="metadata">Free-form strings stored in the header's <c>__metadata__</c>; omitted when null or empty.</param>
    /// <remarks>
    /// The layout is the reference library's, so the output does not depend on the dictionary's order: entries are
    /// sorted by descending alignment (I64, then F64, then F32) and then by the UTF-8 bytes of their names, and their
    /// data follows in that order without gaps. The header lists <c>__metadata__</c> first (keys sorted by their UTF-8 bytes) and
    /// then the entries in data order, and is padded with spaces to a multiple of 8 bytes, so each entry's data is
    /// aligned to its element size.
    /// </remarks>
    /// <exception cref="ArgumentException">A name is <c>__metadata__</c> or not valid UTF-16, an entry is null, or a metadata string is null or not valid UTF-16.</exception>
    public static void Write(Stream stream, IReadOnlyDictionary<string, TensorData> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Prepare(tensors, metadata).WriteTo(stream);
    }

    /// <summary>Reads and checks the safetensors file at <paramref name="path"/>.</summary>
    /// <exception cref="TensorFileException">The file is truncated, malformed, holds a dtype Descent does not read, or is a pipe.</exception>
    /// <exception cref="IOException">The file could not be opened or read (<see cref="FileNotFoundException"/>, …).</exception>
    public static SafeTensorsFile Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        EnsureLittleEndian();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        if (!stream.CanSeek)
        {
            throw new TensorFileException(path, "it is not a regular file (a pipe or device cannot be measured before it is read)");
        }
        return SafeTensorsReader.Read(stream, path);
    }

    /// <summary>Reads and checks a safetensors file that spans <paramref name="stream"/> from its current position to its end.</summary>
    /// <param name="stream">A readable, seekable stream; it is not disposed.</param>
    /// <param name="sourceName">The name that error messages give the file, such as its path.</param>
    /// <remarks>
    /// The stream must be seekable because its length bounds every allocation before anything is read; copy a
    /// network or pipe stream into a file or a <see cref="MemoryStream"/> of a size you accept first.
    /// </remarks>
    /// <exception cref="ArgumentException">The stream cannot read or cannot seek.</exception>
    /// <exception cref="TensorFileException">The file is truncated, malformed or holds a dtype Descent does not read.</exception>
    public static SafeTensorsFile Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        if (!stream.CanRead || !stream.CanSeek)
        {
            throw new ArgumentException(
                $"Reading tensor file '{sourceName}' needs a readable, seekable stream, so that its length can bound what is allocated.",
                nameof(stream));
        }
        EnsureLittleEndian();
        return SafeTensorsReader.Read(stream, sourceName);
    }

    private static SafeTensorsWriter Prepare(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        EnsureLittleEndian();
        // Wrapped, not copied: the buffers are only read, and only while the file is written.
        return SafeTensorsWriter.Create(
            tensors.Select(kv => KeyValuePair.Create(kv.Key, kv.Value is null ? null! : TensorData.Wrap(kv.Value))),
            metadata,
            nameof(tensors));
    }

    private static SafeTensorsWriter Prepare(IReadOnlyDictionary<string, TensorData> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        EnsureLittleEndian();
        return SafeTensorsWriter.Create(tensors, metadata, nameof(tensors));
    }

    // The data is copied between arrays and the file as raw bytes, which is only right on a little-endian machine.
    private static void EnsureLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Tensor files are read and written on little-endian machines only.");
        }
    }
}
