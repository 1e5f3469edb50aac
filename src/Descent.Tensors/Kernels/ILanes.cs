namespace Descent.Kernels;

/// <summary>
/// One register of float lanes, as an <see cref="IUpdateOperator"/> writes its vector form once for every width: the
/// element-wise operations of <see cref="System.Runtime.Intrinsics.Vector256"/> that the optimizers use, no more.
/// </summary>
/// <remarks>
/// <para>
/// Every operation works lane by lane and rounds as the scalar operation does, so an update written over
/// <typeparamref name="TSelf"/> gives, lane by lane, the bits of the same update written over floats. There is no
/// fused multiply-add: the scalar references round a·b + c twice, and so must every width.
/// </para>
/// <para>
/// <see cref="System.Runtime.Intrinsics.Vector256{T}"/> and <see cref="System.Runtime.Intrinsics.Vector512{T}"/>
/// implement none of the generic-math interfaces, hence <see cref="Lanes256"/> and <see cref="Lanes512"/>, each one
/// vector in a struct whose members inline to the vector's own instruction. GEMM's <c>ITileVector</c> abstracts the
/// width too, but over pointers and the bare vector types, with a fused multiply-add; the two stay apart.
/// </para>
/// <para>
/// The wrappers do not leave the machine code quite as the bare vectors did. Measured on the 2-core Zen 5 guest of
/// bench/RESULTS.md (.NET 10, full opts): the operations are the same, but the JIT folds fewer loads into them (a
/// separate load or broadcast where the bare code had a memory operand or an embedded broadcast), and in the larger
/// operators, Adam's family, it reads the operator's scalars from the stack rather than keeping them in registers,
/// because every inlined lane operation adds temporaries and the driver then passes the 1,024 locals the JIT tracks.
/// Steps over one cache-resident 4,096-element parameter on one thread stayed within 3% (best of 5, load 8: Adam
/// 0.955 → 0.971 µs, AdamW 0.964 → 0.984 µs, AdEMAMix 1.18 → 1.21 µs; the others within the noise either way), and the
/// bench's 1 × 10M and 1000 × 10k steps, which stream from memory, showed no change beyond the noise.
/// </para>
/// </remarks>
/// <typeparam name="TSelf">The implementing struct.</typeparam>
public interface ILanes<TSelf>
    where TSelf : struct, ILanes<TSelf>
{
    /// <summary>Every lane 0.</summary>
    static abstract TSelf Zero { get; }

    /// <summary>Every lane 1.</summary>
    static abstract TSelf One { get; }

    /// <summary>Every lane <paramref name="value"/>.</summary>
    static abstract TSelf Create(float value);

    static abstract TSelf operator +(TSelf left, TSelf right);

    static abstract TSelf operator -(TSelf left, TSelf right);

    static abstract TSelf operator *(TSelf left, TSelf right);

    static abstract TSelf operator /(TSelf left, TSelf right);

    static abstract TSelf operator -(TSelf value);

    /// <summary>The bitwise and: with a comparison's mask, keeps a lane where the comparison holds and zeroes it elsewhere.</summary>
    static abstract TSelf operator &(TSelf left, TSelf right);

    /// <summary>√x in every lane.</summary>
    static abstract TSelf Sqrt(TSelf x);

    /// <summary>The larger of each pair of lanes, as <see cref="System.Runtime.Intrinsics.Vector256.Max{T}"/> (and <see cref="MathF.Max"/>).</summary>
    static abstract TSelf Max(TSelf x, TSelf y);

    /// <summary>The smaller of each pair of lanes, as <see cref="System.Runtime.Intrinsics.Vector256.Min{T}"/> (and <see cref="MathF.Min"/>).</summary>
    static abstract TSelf Min(TSelf x, TSelf y);

    /// <summary>|x| in every lane.</summary>
    static abstract TSelf Abs(TSelf x);

    /// <summary>Each lane's bits from <paramref name="left"/> where <paramref name="mask"/>'s are set, else from <paramref name="right"/>.</summary>
    static abstract TSelf ConditionalSelect(TSelf mask, TSelf left, TSelf right);

    /// <summary>All bits set in a lane where x &lt; y, else none.</summary>
    static abstract TSelf LessThan(TSelf x, TSelf y);

    /// <summary>All bits set in a lane where x &gt; y, else none.</summary>
    static abstract TSelf GreaterThan(TSelf x, TSelf y);

    /// <summary>All bits set in a lane where x = y, else none.</summary>
    static abstract TSelf EqualTo(TSelf x, TSelf y);
}
