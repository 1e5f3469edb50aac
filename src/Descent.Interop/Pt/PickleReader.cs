using System.Buffers.Binary;
using System.Text;

namespace Descent.Interop.Pt;

/// <summary>
/// A restricted pickle reader with the rules of PyTorch's weights-only unpickler
/// (<c>torch/_weights_only_unpickler.py</c>, 1.13): the same opcodes (plus <c>BINFLOAT</c>, which torch's own
/// optimizer state dicts need and torch 2.x accepts), only the globals in <see cref="PtGlobals.Allowed"/>, calls only
/// to the tensor-rebuilding functions and <c>OrderedDict</c>, <c>BUILD</c> only on an <c>OrderedDict</c>, appends
/// only to lists and item assignment only to dicts. A global is a name and nothing more: nothing
/// is imported, looked up or run, so a hostile file can at worst be refused.
/// </summary>
/// <remarks>
/// Written by hand rather than on Razorvine.Pickle: that unpickler turns every unknown global into a dictionary
/// instead of refusing it at the <c>GLOBAL</c> opcode, keeps its constructors in one process-wide table that
/// already holds globals torch refuses (<c>datetime</c>, <c>decimal</c>, <c>array</c>, <c>_codecs.encode</c>), and
/// reflects on <c>__setstate__</c> for <c>BUILD</c> (see docs/pt-files.md). The reader never recurses, so nesting
/// cannot exhaust the stack, and it allocates at most in proportion to the pickle's length and the storages the
/// archive holds. Every problem is a <see cref="FormatException"/> whose message names it.
/// </remarks>
internal sealed class PickleReader
{
    private const int MaxStringLength = 1 << 20;

    private readonly byte[] _data;
    private readonly Func<string, PtElement, long, PtStorage> _storage;
    private readonly Dictionary<uint, object?> _memo = [];
    private readonly GatherBudget _budget = new();
    private readonly HashSet<PtStorage> _seenStorages = new(ReferenceEqualityComparer.Instance);
    private readonly Stack<List<object?>> _marks = new();
    private List<object?> _stack = [];
    private int _pos;

    private PickleReader(byte[] data, Func<string, PtElement, long, PtStorage> storage)
    {
        _data = data;
        _storage = storage;
    }

    /// <summary>Reads the object a pickle describes; <paramref name="storage"/> supplies the archive's storage records.</summary>
    /// <exception cref="FormatException">The pickle is malformed or asks for anything weights-only loading refuses.</exception>
    public static object? Read(byte[] data, Func<string, PtElement, long, PtStorage> storage) => new PickleReader(data, storage).Load();

    private object? Load()
    {
        while (true)
        {
            int at = _pos;
            byte op = Byte();
            try
            {
                if (op == '.')
                {
                    return Pop();
                }
                Dispatch(op);
            }
            catch (FormatException e) when (!e.Message.StartsWith("pickle", StringComparison.Ordinal) && !e.Message.StartsWith("the pickle", StringComparison.Ordinal))
            {
                throw new FormatException($"pickle opcode {Name(op)} at byte {at}: {e.Message}", e);
            }
        }
    }

    private void Dispatch(byte op)
    {
        switch (op)
        {
            case (byte)'c': // GLOBAL
                string module = Line();
                string name = Line();
                string full = $"{module}.{name}";
                if (!PtGlobals.Allowed.Contains(full))
                {
                    throw new FormatException(
                        $"the pickle names the global '{full}', which torch.load(weights_only=True) does not allow; nothing was imported or run");
                }
                Push(new PtGlobal(full));
                break;
            case (byte)'R': // REDUCE
                PtTuple args = Pop<PtTuple>("the arguments of a call");
                Push(PtCalls.Call(Pop<PtGlobal>("the function of a call"), args.Items, _budget));
                break;
            case 0x81: // NEWOBJ
                PtTuple newArgs = Pop<PtTuple>("the arguments of NEWOBJ");
                PtGlobal cls = Pop<PtGlobal>("the class of NEWOBJ");
                if (cls.Name != PtGlobals.Parameter)
                {
                    throw new FormatException($"NEWOBJ may only create {PtGlobals.Parameter}, not '{cls.Name}'");
                }
                Push(newArgs.Items.Count > 0 && newArgs.Items[0] is PtTensor p ? p : throw new FormatException("a Parameter needs a tensor"));
                break;
            case (byte)'b': // BUILD
                // On an OrderedDict, BUILD sets its attributes (a state dict's _metadata), which Descent drops. torch
                // also lets BUILD set a tensor's state (legacy set_, a parameter's __setstate__); torch.save never writes
                // that since 1.6, and dropping it silently could misread a tensor, so Descent refuses it.
                Pop();
                if (Peek() is not PtDict { IsOrderedDict: true })
                {
                    throw new FormatException($"BUILD only sets the attributes of an OrderedDict here, not of {Describe(Peek())}");
                }
                break;
            case (byte)'a': // APPEND
                object? item = Pop();
                Peek<List<object?>>("APPEND's list").Add(item);
                break;
            case (byte)'e': // APPENDS
                List<object?> items = PopMark();
                Peek<List<object?>>("APPENDS's list").AddRange(items);
                break;
            case (byte)'s': // SETITEM
                object? value = Pop();
                object? key = Pop();
                Set(Peek<PtDict>("SETITEM's dict"), key, value);
                break;
            case (byte)'u': // SETITEMS
                List<object?> pairs = PopMark();
                if (pairs.Count % 2 != 0)
                {
                    throw new FormatException("SETITEMS has a key without a value");
                }
                PtDict dict = Peek<PtDict>("SETITEMS's dict");
                for (int i = 0; i < pairs.Count; i += 2)
                {
                    Set(dict, pairs[i], pairs[i + 1]);
                }
                break;
            case (byte)'(': // MARK
                _marks.Push(_stack);
                _stack = [];
                break;
            case (byte)'t': // TUPLE
                Push(new PtTuple([.. PopMark()]));
                break;
            case 0x85: // TUPLE1
                Push(new PtTuple([Pop()]));
                break;
            case 0x86: // TUPLE2
            {
                object? b = Pop();
                object? a = Pop();
                Push(new PtTuple([a, b]));
                break;
            }
            case 0x87: // TUPLE3
            {
                object? c = Pop();
                object? b = Pop();
                object? a = Pop();
                Push(new PtTuple([a, b, c]));
                break;
            }
            case (byte)'N':
                Push(null);
                break;
            case 0x88: // NEWTRUE
                Push(true);
                break;
            case 0x89: // NEWFALSE
                Push(false);
                break;
            case (byte)')':
                Push(new PtTuple([]));
                break;
            case (byte)']':
                Push(new List<object?>());
                break;
            case (byte)'}':
                Push(new PtDict(ordered: false));
                break;
            case (byte)'J': // BININT
                Push((long)BinaryPrimitives.ReadInt32LittleEndian(Bytes(4)));
                break;
            case (byte)'K': // BININT1
                Push((long)Byte());
                break;
            case (byte)'M': // BININT2
                Push((long)BinaryPrimitives.ReadUInt16LittleEndian(Bytes(2)));
                break;
            case (byte)'G': // BINFLOAT
                Push(BinaryPrimitives.ReadDoubleBigEndian(Bytes(8)));
                break;
            case 0x8a: // LONG1
                Push(DecodeLong(Bytes(Byte())));
                break;
            case (byte)'X': // BINUNICODE
                uint length = BinaryPrimitives.ReadUInt32LittleEndian(Bytes(4));
                if (length > MaxStringLength)
                {
                    throw new FormatException($"a string of {length} bytes is longer than Descent reads ({MaxStringLength})");
                }
                Push(Utf8(Bytes((int)length)));
                break;
            case (byte)'U': // SHORT_BINSTRING
                Push(Utf8(Bytes(Byte())));
                break;
            case (byte)'Q': // BINPERSID
                Push(PersistentLoad(Pop()));
                break;
            case (byte)'h': // BINGET
                Push(Memo(Byte()));
                break;
            case (byte)'j': // LONG_BINGET
                Push(Memo(BinaryPrimitives.ReadUInt32LittleEndian(Bytes(4))));
                break;
            case (byte)'q': // BINPUT
                _memo[Byte()] = Peek();
                break;
            case (byte)'r': // LONG_BINPUT
                _memo[BinaryPrimitives.ReadUInt32LittleEndian(Bytes(4))] = Peek();
                break;
            case 0x80: // PROTO
                Byte();
                break;
            default:
                throw new FormatException($"the pickle uses opcode {Name(op)}, which torch.load(weights_only=True) does not accept");
        }
    }

    /// <summary>A storage reference: <c>('storage', StorageClass, key, location, numel)</c>, read from the archive.</summary>
    private PtStorage PersistentLoad(object? pid)
    {
        if (pid is not PtTuple { Items: [string kind, PtGlobal type, string key, string, long count] })
        {
            throw new FormatException($"a persistent id must be ('storage', class, key, location, size), got {Describe(pid)}");
        }
        if (kind != "storage")
        {
            throw new FormatException($"only storages may be loaded by persistent id, not '{kind}'");
        }
        if (!PtGlobals.Storages.TryGetValue(type.Name, out PtElement element))
        {
            throw new FormatException($"Descent does not read {type.Name} storages (it reads float, double, half, bfloat16, integer and bool ones)");
        }
        if (count < 0)
        {
            throw new FormatException($"storage '{key}' has a negative size {count}");
        }
        PtStorage storage = _storage(key, element, count);
        if (!_seenStorages.Contains(storage))
        {
            _seenStorages.Add(storage);
            _budget.AddStorage(storage.Count);
        }
        return storage;
    }

    private static void Set(PtDict dict, object? key, object? value)
    {
        if (key is not (string or long or double or bool))
        {
            throw new FormatException($"a dict key must be a string or a number, got {Describe(key)}");
        }
        dict[key] = value;
    }

    private object? Memo(uint index) =>
        _memo.TryGetValue(index, out object? value) ? value : throw new FormatException($"memo entry {index} was never stored");

    private static long DecodeLong(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > 8)
        {
            throw new FormatException($"an integer of {bytes.Length} bytes is larger than 64 bits");
        }
        long value = bytes.Length > 0 && (bytes[^1] & 0x80) != 0 ? -1 : 0;
        for (int i = bytes.Length - 1; i >= 0; i--)
        {
            value = (value << 8) | bytes[i];
        }
        return value;
    }

    private static string Utf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new FormatException("a string is not valid UTF-8");
        }
    }

    private string Line()
    {
        int end = Array.IndexOf(_data, (byte)'\n', _pos, Math.Min(_data.Length - _pos, 256));
        if (end < 0)
        {
            throw new FormatException("a global's name is not ended by a newline within 256 bytes");
        }
        string line = Utf8(_data.AsSpan(_pos, end - _pos));
        _pos = end + 1;
        return line;
    }

    private byte Byte() => _pos < _data.Length ? _data[_pos++] : throw new FormatException("pickle ends before its STOP opcode (truncated)");

    private ReadOnlySpan<byte> Bytes(int count)
    {
        if (count > _data.Length - _pos)
        {
            throw new FormatException("pickle ends inside an opcode's argument (truncated)");
        }
        var span = _data.AsSpan(_pos, count);
        _pos += count;
        return span;
    }

    private void Push(object? value) => _stack.Add(value);

    private object? Pop()
    {
        if (_stack.Count == 0)
        {
            throw new FormatException(_marks.Count > 0 ? "an opcode reaches past a MARK" : "the stack is empty");
        }
        object? top = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        return top;
    }

    private T Pop<T>(string what) => Pop() is T t ? t : throw new FormatException($"{what} must be {typeof(T).Name}");

    private object? Peek() => _stack.Count > 0 ? _stack[^1] : throw new FormatException("the stack is empty");

    private T Peek<T>(string what) => Peek() is T t ? t : throw new FormatException($"{what} is {Describe(Peek())}");

    private List<object?> PopMark()
    {
        if (_marks.Count == 0)
        {
            throw new FormatException("no MARK to pop to");
        }
        List<object?> items = _stack;
        _stack = _marks.Pop();
        return items;
    }

    internal static string Describe(object? value) => value switch
    {
        null => "None",
        string s => $"the string '{(s.Length > 40 ? s[..40] + "…" : s)}'",
        long or double or bool => $"the number {value}",
        List<object?> list => $"a list of {list.Count}",
        _ => value.ToString() ?? value.GetType().Name,
    };

    private static string Name(byte op) => op is >= 0x20 and < 0x7f ? $"'{(char)op}'" : $"0x{op:x2}";
}
