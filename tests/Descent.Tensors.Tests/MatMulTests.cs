namespace Descent.Tensors.Tests;

/// <summary>MatMul and Linear: values against a double-precision reference and gradients by GradCheck, for every rank combination.</summary>
public class MatMulTests
{
    public static TheoryData<int[], int[]> Operands => new()
    {
        { [4], [4] },
        { [3, 4], [4] },
        { [4], [4, 5] },
        { [3, 4], [4, 5] },
        { [2, 3, 4], [2, 4, 5] },
        { [2, 3, 4], [4, 5] },
        { [3, 4], [2, 4, 5] },
        { [1, 3, 4], [2, 4, 5] },
        { [2, 3, 4], [1, 4, 5] },
        { [4], [2, 4, 5] },
        { [2, 3, 4], [4] },
    };

    [Theory]
    [MemberData(nameof(Operands))]
    public void MatMulValues(int[] a, int[] b)
    {
        Tensor x = Tensor.Randn(a, new Generator(1));
        Tensor y = Tensor.Randn(b, new Generator(2));
        (int[] shape, double[] expected) = Reference(x, y);
        Tensor z = x.MatMul(y);
        Assert.Equal(shape, z.Dims());
        float[] actual = z.ToArray();
        for (int i = 0; i < actual.Length; i++)
        {
            // Sums of at most 4 products of normal values: float rounding only.
            Assert.Equal(expected[i], actual[i], 1e-5);
        }
    }

    [Theory]
    [InlineData(0, 3, 4)]
    [InlineData(2, 0, 4)]
    [InlineData(2, 3, 0)]
    public void MatMulWithAnEmptyDimension(int m, int k, int n)
    {
        Tensor z = Tensor.Ones(m, k).MatMul(Tensor.Ones(k, n));
        Assert.Equal([m, n], z.Dims());
        Assert.All(z.ToArray(), v => Assert.Equal(0f, v));
    }

    [Theory]
    [MemberData(nameof(Operands))]
    public void MatMulGradients(int[] a, int[] b) =>
        GradAssert.Passes(x => x[0].MatMul(x[1]), GradAssert.Normal(1, a), GradAssert.Normal(2, b));

    [Fact]
    public void MatMulOfATensorWithItself()
    {
        // Both gradients flow into the same leaf and add up.
        GradAssert.Passes(x => x[0].MatMul(x[0]), GradAssert.Normal(1, 3, 3));
        GradAssert.Passes(x => x[0].MatMul(x[0].T), GradAssert.Normal(1, 3, 4));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Linear(bool withBias)
    {
        Tensor input = GradAssert.Normal(1, 5, 4);
        Tensor weight = GradAssert.Normal(2, 3, 4);
        Tensor bias = GradAssert.Normal(3, 3);
        if (withBias)
        {
            GradAssert.Passes(x => Tensor.Linear(x[0], x[1], x[2]), input, weight, bias);
            GradAssert.Passes(x => Tensor.Linear(x[0], x[1], x[2]), GradAssert.Normal(4, 4), weight, bias);
        }
        else
        {
            GradAssert.Passes(x => Tensor.Linear(x[0], x[1]), input, weight);
            GradAssert.Passes(x => Tensor.Linear(x[0], x[1]), GradAssert.Normal(4, 4), weight);
        }
    }

    [Fact]
    public void LinearWithFrozenInputs()
    {
        // Only the weight requires grad: the rule must skip the other inputs.
        Tensor input = Tensor.Randn([5, 4], new Generator(1));
        Tensor bias = Tensor.Randn([3], new Generator(3));
        GradAssert.Passes(x => Tensor.Linear(input, x[0], bias), GradAssert.Normal(2, 3, 4));
        GradAssert.Passes(x => Tensor.Linear(x[0], input.T.Detach(), null), GradAssert.Normal(2, 3, 5));
    }

    /// <summary>torch.matmul semantics computed naively in double: 1-D operands are lifted and the lifted dim dropped.</summary>
    private static (int[] Shape, double[] Values) Reference(Tensor x, Tensor y)
    {
        int[] a = x.Dims();
        int[] b = y.Dims();
        int m = a.Length == 1 ? 1 : a[^2];
        int k = a[^1];
        int n = b.Length == 1 ? 1 : b[^1];
        int batchA = a.Length == 3 ? a[0] : 1;
        int batchB = b.Length == 3 ? b[0] : 1;
        int batch = Math.Max(batchA, batchB);
        float[] xs = x.ToArray();
        float[] ys = y.ToArray();
        var values = new double[batch * m * n];
        for (int t = 0; t < batch; t++)
        {
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    double sum = 0;
                    for (int p = 0; p < k; p++)
                    {
                        sum += (double)xs[(batchA == 1 ? 0 : t) * m * k + i * k + p] * ys[(batchB == 1 ? 0 : t) * k * n + p * n + j];
                    }
                    values[(t * m + i) * n + j] = sum;
                }
            }
        }
        var shape = new List<int>();
        if (a.Length == 3 || b.Length == 3)
        {
            shape.Add(batch);
        }
        if (a.Length > 1)
        {
            shape.Add(m);
        }
        if (b.Length > 1)
        {
            shape.Add(n);
        }
        return ([.. shape], values);
    }

    [Fact]
    public void LinearMatchesMatMulPlusBias()
    {
        Tensor input = Tensor.Randn([5, 4], new Generator(1));
        Tensor weight = Tensor.Randn([3, 4], new Generator(2));
        Tensor bias = Tensor.Randn([3], new Generator(3));
        float[] fused = Tensor.Linear(input, weight, bias).ToArray();
        float[] composed = (input.MatMul(weight.T) + bias).ToArray();
        for (int i = 0; i < fused.Length; i++)
        {
            Assert.Equal(composed[i], fused[i], 1e-5f);
        }
    }
}
