using System.Globalization;
using System.Text;

namespace McpSecurity.SecurityCore.Monitoring;

/// <summary>The labels of one series: at most three name/value pairs, in the order the instrument gave them (more are dropped).</summary>
/// <remarks>A struct so that looking a series up allocates nothing; the product's instruments carry at most three labels.</remarks>
internal readonly record struct PrometheusLabelSet(string? Name1, string? Value1, string? Name2, string? Value2, string? Name3, string? Value3)
{
    /// <summary>Takes the labels of a measurement.</summary>
    public static PrometheusLabelSet From(ReadOnlySpan<KeyValuePair<string, object?>> tags) => tags.Length switch
    {
        0 => default,
        1 => new(tags[0].Key, Text(tags[0].Value), null, null, null, null),
        2 => new(tags[0].Key, Text(tags[0].Value), tags[1].Key, Text(tags[1].Value), null, null),
        _ => new(tags[0].Key, Text(tags[0].Value), tags[1].Key, Text(tags[1].Value), tags[2].Key, Text(tags[2].Value)),
    };

    /// <summary>Gets whether every name and value is the very same string instance as in <paramref name="other"/> (a cheap equality).</summary>
    public bool IsSameInstances(in PrometheusLabelSet other) =>
        ReferenceEquals(Value1, other.Value1) && ReferenceEquals(Value2, other.Value2) && ReferenceEquals(Value3, other.Value3)
        && ReferenceEquals(Name1, other.Name1) && ReferenceEquals(Name2, other.Name2) && ReferenceEquals(Name3, other.Name3);

    /// <summary>Writes <c>{name="value",...}</c> (with <c>le</c> last when <paramref name="le"/> is given), or nothing when there are no labels.</summary>
    public void Write(StringBuilder text, string? le)
    {
        if (Name1 is null && le is null)
        {
            return;
        }

        text.Append('{');
        var first = true;
        Pair(text, Name1, Value1, ref first);
        Pair(text, Name2, Value2, ref first);
        Pair(text, Name3, Value3, ref first);
        Pair(text, le is null ? null : "le", le, ref first);
        text.Append('}');
    }

    /// <summary>Gets the labels as the text format writes them (for ordering series).</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        Write(text, null);
        return text.ToString();
    }

    private static string? Text(object? value) => value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture);

    private static void Pair(StringBuilder text, string? name, string? value, ref bool first)
    {
        if (name is null)
        {
            return;
        }

        if (!first)
        {
            text.Append(',');
        }

        first = false;
        foreach (var c in name)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }

        text.Append("=\"");
        foreach (var c in value ?? "")
        {
            switch (c)
            {
                case '\\':
                    text.Append("\\\\");
                    break;
                case '"':
                    text.Append("\\\"");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        text.Append('"');
    }
}
