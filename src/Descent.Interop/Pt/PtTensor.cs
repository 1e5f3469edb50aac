using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Descent.IO;

namespace Descent.Interop.Pt;

/// <summary>
/// A dense tensor rebuilt from a storage, an offset, a size and a stride (what <c>_rebuild_tensor_v2</c> receives),
/// gathered into a row-major copy: float32 for float, half and bfloat16 storages, float64 for double, int64 for
/// integer and boolean ones.
/// </summary>
internal sealed class PtTensor
{
    private PtTensor(TensorData data) => Data = data;

    /// <summary>The values as a typed tensor-file entry.</summary>
    public TensorData Data { get; }

    /// <summary>The values as a float32 tensor (float64 and integer values rounded, as <c>Tensor.copy_</c> converts them).</summary>
    public Tensor ToTensor() => Data.DType switch
    {
        TensorDType.Float32 => Data.ToTensor(),
        TensorDType.Float64 => Float32(Data.ToFloat64Array().Select(d => (float)d).ToArray(), [.. Data.Shape]),
        _ => Float32(Data.ToInt64Array().Select(l => (float)l).ToArray(), [.. Data.Shape]),
    };

    // Tensor.FromArray reads an empty shape as "one dimension of all the values"; a scalar needs Tensor.Scalar.
    private static Tensor Float32(float[] values, int[] shape) => shape.Length == 0 ? Tensor.Scalar(values[0]) : Tensor.FromArray(values, shape);

    public override string ToString() => $"a tensor of shape [{string.Join(", ", Data.Shape)}]";

    /// <summary>
    /// Gathers the view; throws <see cref="FormatException"/> when the view does not lie inside the storage,
    /// has a negative size or stride, or holds more elements than an array can.
    /// </summary>
    public static PtTensor Rebuild(PtStorage storage, long offset, IReadOnlyList<long> size, IReadOnlyList<long> stride, GatherBudget budget)
    {
        if (size.Count != stride.Count)
        {
            throw new FormatException($"a tensor has {size.Count} sizes but {stride.Count} strides");
        }
        if (offset < 0 || size.Any(s => s < 0) || stride.Any(s => s < 0))
        {
            throw new FormatException("a tensor has a negative offset, size or stride");
        }
        long count = 1;
        long last = offset;
        foreach ((long s, long st) in size.Zip(stride))
        {
            count = s == 0 || count == 0 ? 0 : count > Array.MaxLength / s ? long.MaxValue : count * s;
            if (s > 0)
            {
                last = st > (long.MaxValue - last) / Math.Max(1, s - 1) ? long.MaxValue : last + (s - 1) * st;
            }
        }
        if (count > Array.MaxLength || size.Any(s => s > int.MaxValue))
        {
            throw new FormatException($"a tensor of shape {Format(size)} holds more elements than Descent can");
        }
        if (count > 0 && last >= storage.Count)
        {
            throw new FormatException(
                $"a tensor of shape {Format(size)} at offset {offset} reaches element {last} of {storage}, which holds {storage.Count}");
        }
        budget.Take(count, storage.Count);
        int[] shape = size.Select(s => (int)s).ToArray();
        return new PtTensor(Convert(storage, new ViewCursor(offset, size, stride), (int)count, shape));
    }

    /// <summary>Walks a strided view in row-major order, yielding storage element indices without materializing them.</summary>
    private struct ViewCursor(long offset, IReadOnlyList<long> size, IReadOnlyList<long> stride)
    {
        private readonly long[] _position = new long[size.Count];
        private long _at = offset;

        /// <summary>Whether the view is the storage's elements from the offset on, in order (the common case).</summary>
        public readonly bool IsContiguous
        {
            get
            {
                long expected = 1;
                for (int d = size.Count - 1; d >= 0; d--)
                {
                    if (size[d] != 1 && stride[d] != expected)
                    {
                        return false;
                    }
                    expected *= size[d];
                }
                return true;
            }
        }

        public long Offset { get; } = offset;

        public long Next()
        {
            long current = _at;
            for (int d = size.Count - 1; d >= 0; d--)
            {
                _at += stride[d];
                if (++_position[d] < size[d])
                {
                    break;
                }
                _at -= _position[d] * stride[d];
                _position[d] = 0;
            }
            return current;
        }
    }

    private static TensorData Convert(PtStorage storage, ViewCursor view, int count, int[] shape)
    {
        ReadOnlySpan<byte> b = storage.Bytes;
        if (storage.Element == PtElement.Float32 && count > 0 && view.IsContiguous)
        {
            // Files and this machine are little-endian (SafeTensors checks the latter), so the bytes are the floats.
            float[] direct = MemoryMarshal.Cast<byte, float>(b.Slice((int)(view.Offset * 4), count * 4)).ToArray();
            return TensorData.FromTensor(Float32(direct, shape));
        }
        switch (storage.Element)
        {
            case PtElement.Float32 or PtElement.Float16 or PtElement.BFloat16:
                var floats = new float[count];
                for (int i = 0; i < floats.Length; i++)
                {
                    long j = view.Next();
                    floats[i] = storage.Element switch
                    {
                        PtElement.Float32 => BinaryPrimitives.ReadSingleLittleEndian(b[(int)(j * 4)..]),
                        PtElement.Float16 => (float)BinaryPrimitives.ReadHalfLittleEndian(b[(int)(j * 2)..]),
                        _ => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(b[(int)(j * 2)..]) << 16),
                    };
                }
                return TensorData.FromTensor(Float32(floats, shape));
            case PtElement.Float64:
                var doubles = new double[count];
                for (int i = 0; i < doubles.Length; i++)
                {
                    doubles[i] = BinaryPrimitives.ReadDoubleLittleEndian(b[(int)(view.Next() * 8)..]);
                }
                return TensorData.FromFloat64(doubles, shape);
            default:
                var longs = new long[count];
                for (int i = 0; i < longs.Length; i++)
                {
                    int j = (int)view.Next();
                    longs[i] = storage.Element switch
                    {
                        PtElement.Int64 => BinaryPrimitives.ReadInt64LittleEndian(b[(j * 8)..]),
                        PtElement.Int32 => BinaryPrimitives.ReadInt32LittleEndian(b[(j * 4)..]),
                        PtElement.Int16 => BinaryPrimitives.ReadInt16LittleEndian(b[(j * 2)..]),
                        PtElement.Int8 => (sbyte)b[j],
                        _ => b[j],
                    };
                }
                return TensorData.FromInt64(longs, shape);
        }
    }

    private static string Format(IReadOnlyList<long> size) => $"[{string.Join(", ", size)}]";
}
