using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Descent.Interop.Pt;

/// <summary>
/// Writes the pickle of a state dict the way <c>torch.save</c> does (protocol 2), using only opcodes and globals
/// that PyTorch's weights-only unpickler accepts: <c>OrderedDict</c> for a module state dict, plain dicts and
/// lists for an optimizer's, and each tensor as <c>_rebuild_tensor_v2</c> of a <c>FloatStorage</c> that the
/// archive holds as <c>data/{key}</c>. No memo is written: nothing is shared but the storage class name.
/// </summary>
internal sealed class PickleWriter
{
    private readonly MemoryStream _out = new();
    private readonly List<(string Key, Tensor Tensor)> _storages = [];

    /// <summary>The tensors written so far, by storage key, in order.</summary>
    public IReadOnlyList<(string Key, Tensor Tensor)> Storages => _storages;

    public PickleWriter()
    {
        _out.WriteByte(0x80);
        _out.WriteByte(2);
    }

    /// <summary>The pickle, ended with STOP.</summary>
    public byte[] Finish()
    {
        _out.WriteByte((byte)'.');
        return _out.ToArray();
    }

    /// <summary>Writes one value: None, bool, integer, float, string, pair, list of numbers or tensors, tensor, or dict.</summary>
    /// <exception cref="ArgumentException">A value of another type, which a torch state dict does not hold.</exception>
    public void Value(object? value)
    {
        switch (value)
        {
            case null:
                Op('N');
                break;
            case bool b:
                _out.WriteByte(b ? (byte)0x88 : (byte)0x89);
                break;
            case int or long:
                Int(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case float or double:
                Op('G');
                Span<byte> d = stackalloc byte[8];
                BinaryPrimitives.WriteDoubleBigEndian(d, Convert.ToDouble(value, CultureInfo.InvariantCulture));
                _out.Write(d);
                break;
            case string s:
                String(s);
                break;
            case (double a, double b):
                Value(a);
                Value(b);
                _out.WriteByte(0x86);
                break;
            case Tensor t:
                Tensor(t);
                break;
            case System.Collections.IDictionary:
                throw new ArgumentException("Write dicts with Dict.");
            case System.Collections.IEnumerable items:
                Op(']');
                Op('(');
                foreach (object? item in items)
                {
                    Value(item);
                }
                Op('e');
                break;
            default:
                throw new ArgumentException($"A value of type {value.GetType().Name} has no place in a torch state dict.");
        }
    }

    /// <summary>Writes a dict (<paramref name="ordered"/>: an <c>OrderedDict</c>) whose values <paramref name="value"/> writes.</summary>
    public void Dict<TKey, TValue>(IEnumerable<KeyValuePair<TKey, TValue>> entries, bool ordered, Action<TValue> value)
    {
        if (ordered)
        {
            Global("collections", "OrderedDict");
            Op(')');
            Op('R');
        }
        else
        {
            Op('}');
        }
        Op('(');
        foreach ((TKey key, TValue item) in entries)
        {
            Value(key);
            value(item);
        }
        Op('u');
    }

    /// <summary>Writes a list whose items <paramref name="item"/> writes.</summary>
    public void List<T>(IEnumerable<T> items, Action<T> item)
    {
        Op(']');
        Op('(');
        foreach (T x in items)
        {
            item(x);
        }
        Op('e');
    }

    private void Tensor(Tensor t)
    {
        string key = _storages.Count.ToString(CultureInfo.InvariantCulture);
        _storages.Add((key, t));
        Global("torch._utils", "_rebuild_tensor_v2");
        Op('(');
        Op('(');
        String("storage");
        Global("torch", "FloatStorage");
        String(key);
        String("cpu");
        Int(t.NumElements);
        Op('t');
        Op('Q');
        Int(0);
        Ints(t.Shape);
        Ints(RowMajorStrides(t.Shape));
        _out.WriteByte(0x89); // requires_grad = False
        Global("collections", "OrderedDict"); // backward_hooks
        Op(')');
        Op('R');
        Op('t');
        Op('R');
    }

    private static int[] RowMajorStrides(IReadOnlyList<int> shape)
    {
        var strides = new int[shape.Count];
        int stride = 1;
        for (int d = shape.Count - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= Math.Max(1, shape[d]);
        }
        return strides;
    }

    private void Ints(IReadOnlyList<int> values)
    {
        Op('(');
        foreach (int v in values)
        {
            Int(v);
        }
        Op('t');
    }

    private void Int(long v)
    {
        if (v is >= 0 and <= byte.MaxValue)
        {
            Op('K');
            _out.WriteByte((byte)v);
        }
        else if (v is >= 0 and <= ushort.MaxValue)
        {
            Op('M');
            Span<byte> b = stackalloc byte[2];
            BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)v);
            _out.Write(b);
        }
        else if (v is >= int.MinValue and <= int.MaxValue)
        {
            Op('J');
            Span<byte> b = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(b, (int)v);
            _out.Write(b);
        }
        else
        {
            Op(0x8a);
            _out.WriteByte(8);
            Span<byte> b = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(b, v);
            _out.Write(b);
        }
    }

    private void String(string s)
    {
        byte[] bytes = new UTF8Encoding(false, throwOnInvalidBytes: true).GetBytes(s);
        Op('X');
        Span<byte> n = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(n, (uint)bytes.Length);
        _out.Write(n);
        _out.Write(bytes);
    }

    private void Global(string module, string name)
    {
        Op('c');
        _out.Write(Encoding.ASCII.GetBytes($"{module}\n{name}\n"));
    }

    private void Op(char op) => _out.WriteByte((byte)op);

    private void Op(byte op) => _out.WriteByte(op);
}
