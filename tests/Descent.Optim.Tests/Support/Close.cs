namespace Descent.Optim.Tests.Support;

internal static class Close
{
    /// <summary>
    /// Asserts |expected − actual| ≤ rel·max(|expected|, |actual|) + abs element-wise, naming the first offender.
    /// </summary>
    public static void Tensors(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what, double rel = 1e-5, double abs = 1e-7)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: expected {expected.Length} elements, got {actual.Length}");
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i];
            double a = actual[i];
            double tolerance = rel * Math.Max(Math.Abs(e), Math.Abs(a)) + abs;
            if (!(Math.Abs(e - a) <= tolerance) && !(double.IsNaN(e) && double.IsNaN(a)) && e != a)
            {
                Assert.Fail($"{what}[{i}]: expected {e:R}, got {a:R} (|diff| {Math.Abs(e - a):E2} > {tolerance:E2})");
            }
        }
    }

    public static void Bitwise(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: expected {expected.Length} elements, got {actual.Length}");
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
            {
                Assert.Fail($"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
            }
        }
    }

    /// <summary>Asserts two state dicts hold the same groups, keys and bitwise-equal tensors.</summary>
    public static void StateDicts(OptimizerStateDict expected, OptimizerStateDict actual)
    {
        Assert.Equal(expected.OptimizerType, actual.OptimizerType);
        Assert.Equal(expected.ParamGroups.Count, actual.ParamGroups.Count);
        for (int g = 0; g < expected.ParamGroups.Count; g++)
        {
            Assert.Equal(expected.ParamGroups[g].Params, actual.ParamGroups[g].Params);
            Assert.Equal(expected.ParamGroups[g].Hyperparameters.OrderBy(kv => kv.Key), actual.ParamGroups[g].Hyperparameters.OrderBy(kv => kv.Key));
        }
        Assert.Equal(expected.State.Keys.Order(), actual.State.Keys.Order());
        foreach ((int index, IReadOnlyDictionary<string, object> entries) in expected.State)
        {
            IReadOnlyDictionary<string, object> other = actual.State[index];
            Assert.Equal(entries.Keys.Order(), other.Keys.Order());
            foreach ((string key, object value) in entries)
            {
                if (value is IReadOnlyList<Tensor> list)
                {
                    // A list of tensors, as LBFGS keeps its history.
                    var others = Assert.IsAssignableFrom<IReadOnlyList<Tensor>>(other[key]);
                    Assert.Equal(list.Count, others.Count);
                    for (int i = 0; i < list.Count; i++)
                    {
                        Assert.Equal(list[i].Shape.ToArray(), others[i].Shape.ToArray());
                        Bitwise(list[i].AsReadOnlySpan(), others[i].AsReadOnlySpan(), $"state {index} '{key}'[{i}]");
                    }
                    continue;
                }
                var t = Assert.IsAssignableFrom<Tensor>(value);
                var u = Assert.IsAssignableFrom<Tensor>(other[key]);
                Assert.Equal(t.Shape.ToArray(), u.Shape.ToArray());
                Bitwise(t.AsReadOnlySpan(), u.AsReadOnlySpan(), $"state {index} '{key}'");
            }
        }
    }
}
