using System.Text;

namespace Descent;

public partial class Tensor
{
    // PyTorch's default print options (torch.set_printoptions).
    private const int PrintThreshold = 1000;
    private const int PrintEdgeItems = 3;
    private const int PrintLineWidth = 80;

    /// <summary>
    /// The tensor as PyTorch 1.13 prints it, e.g. <c>tensor([[ 0.1000, -1.2000],\n        [ 3.0000,  4.0000]])</c>,
    /// followed by <c>grad_fn=&lt;…&gt;</c> or <c>requires_grad=True</c> where they apply.
    /// </summary>
    /// <remarks>
    /// Four digits after the point; whole-valued tensors print as <c>1.</c>; scientific notation when the
    /// magnitudes call for it; more than 1000 elements are summarized with <c>...</c>, keeping three
    /// entries at each edge of every dimension; lines wrap at 80 characters.
    /// </remarks>
    public override string ToString()
    {
        const string prefix = "tensor(";
        int indent = prefix.Length;
        var suffixes = new List<string>();
        string body;
        if (_data.Length == 0)
        {
            // An empty tensor shows its shape unless it is the plain 1-D [].
            if (Rank != 1)
            {
                suffixes.Add("size=(" + string.Join(", ", _shape) + ")");
            }
            body = "[]";
        }
        else
        {
            bool summarize = _data.Length > PrintThreshold;
            var formatter = new ElementFormatter(summarize ? SummarizedElements() : _data);
            var sb = new StringBuilder();
            if (Rank == 0)
            {
                sb.Append(formatter.Format(_data[0]));
            }
            else
            {
                AppendSlice(sb, 0, 0, indent, summarize, formatter);
            }
            body = sb.ToString();
        }

        if (GradFn is not null)
        {
            suffixes.Add($"grad_fn=<{GradFn.Name}>");
        }
        else if (_requiresGrad)
        {
            suffixes.Add("requires_grad=True");
        }
        return AddSuffixes(prefix + body, suffixes, indent);
    }

    /// <summary>Appends the sub-tensor that starts at flat <paramref name="offset"/> and spans dims <paramref name="dim"/>.. .</summary>
    private void AppendSlice(StringBuilder sb, int dim, int offset, int indent, bool summarize, ElementFormatter formatter)
    {
        int size = _shape[dim];
        bool elide = summarize && size > 2 * PrintEdgeItems;
        if (dim == Rank - 1)
        {
            AppendVector(sb, offset, size, indent, elide, formatter);
            return;
        }

        int stride = ShapeUtil.NumElements(_shape.AsSpan(dim + 1));
        // Sub-tensors are separated by one blank line per dimension they have beyond the first.
        string separator = "," + new string('\n', Rank - dim - 1) + new string(' ', indent + 1);
        sb.Append('[');
        for (int i = 0; i < size; i++)
        {
            if (elide && i == PrintEdgeItems)
            {
                sb.Append("...").Append(separator);
                i = size - PrintEdgeItems;
            }
            AppendSlice(sb, dim + 1, offset + i * stride, indent + 1, summarize, formatter);
            if (i < size - 1)
            {
                sb.Append(separator);
            }
        }
        sb.Append(']');
    }

    private void AppendVector(StringBuilder sb, int offset, int size, int indent, bool elide, ElementFormatter formatter)
    {
        var items = new List<string>();
        for (int i = 0; i < size; i++)
        {
            if (elide && i == PrintEdgeItems)
            {
                items.Add(" ...");
                i = size - PrintEdgeItems;
            }
            items.Add(formatter.Format(_data[offset + i]));
        }

        // Each element takes its width plus ", "; at least one element per line.
        int perLine = Math.Max(1, (PrintLineWidth - indent) / (formatter.Width + 2));
        sb.Append('[');
        for (int i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(i % perLine == 0 ? ",\n" + new string(' ', indent + 1) : ", ");
            }
            sb.Append(items[i]);
        }
        sb.Append(']');
    }

    /// <summary>The elements a summarized print shows: those whose every index lies within the edge items.</summary>
    private IEnumerable<float> SummarizedElements()
    {
        int[] strides = ShapeUtil.Strides(_shape);
        var index = new int[Rank];
        while (true)
        {
            int flat = 0;
            for (int k = 0; k < Rank; k++)
            {
                flat += index[k] * strides[k];
            }
            yield return _data[flat];

            int d = Rank - 1;
            for (; d >= 0; d--)
            {
                int size = _shape[d];
                index[d]++;
                if (size > 2 * PrintEdgeItems && index[d] == PrintEdgeItems)
                {
                    index[d] = size - PrintEdgeItems;
                }
                if (index[d] < size)
                {
                    break;
                }
                index[d] = 0;
            }
            if (d < 0)
            {
                yield break;
            }
        }
    }

    /// <summary>Appends ", suffix" items, moving one to a new line when it would pass the line width (as PyTorch).</summary>
    private static string AddSuffixes(string tensorText, List<string> suffixes, int indent)
    {
        var sb = new StringBuilder(tensorText);
        // PyTorch measures the last line as len − rfind('\n') + 1, two more than its length; kept for identical wrapping.
        int lastLineLength = tensorText.Length - tensorText.LastIndexOf('\n') + 1;
        foreach (string suffix in suffixes)
        {
            if (lastLineLength + suffix.Length + 2 > PrintLineWidth)
            {
                sb.Append(",\n").Append(' ', indent).Append(suffix);
                lastLineLength = indent + suffix.Length;
            }
            else
            {
                sb.Append(", ").Append(suffix);
                lastLineLength += suffix.Length + 2;
            }
        }
        return sb.Append(')').ToString();
    }
}
