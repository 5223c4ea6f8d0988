using System.Globalization;
using System.Text.RegularExpressions;

namespace McpSecurity.Tests.Server.Monitoring;

/// <summary>Reads a scrape in the Prometheus text format: the families it declares and the value of a series.</summary>
internal static partial class PrometheusText
{
    /// <summary>Gets the metric names a scrape declares (<c># TYPE</c>), with <c>_bucket</c>, <c>_sum</c> and <c>_count</c> for histograms.</summary>
    public static IReadOnlySet<string> Names(string scrape)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in TypeLine().Matches(scrape))
        {
            var name = match.Groups[1].Value;
            if (match.Groups[2].Value == "histogram")
            {
                names.Add(name + "_bucket");
                names.Add(name + "_sum");
                names.Add(name + "_count");
            }
            else
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>Gets the value of the series <paramref name="name"/> whose labels include all of <paramref name="labels"/>; 0 when there is none.</summary>
    public static double Value(string scrape, string name, params (string Label, string Value)[] labels)
    {
        var total = 0.0;
        foreach (var line in scrape.Split('\n'))
        {
            if (line.StartsWith('#') || !line.StartsWith(name, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = line[name.Length..];
            if (rest.Length == 0 || (rest[0] != '{' && rest[0] != ' '))
            {
                continue;
            }

            if (labels.All(l => rest.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal)))
            {
                total += double.Parse(rest[(rest.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return total;
    }

    /// <summary>Gets the <c>mcpsec_*</c> metric names a PromQL expression uses.</summary>
    public static IEnumerable<string> MetricNamesIn(string expression) =>
        MetricToken().Matches(expression).Select(m => m.Value).Distinct(StringComparer.Ordinal);

    [GeneratedRegex(@"^# TYPE (\S+) (\S+)$", RegexOptions.Multiline)]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"(?<![A-Za-z0-9_:])mcpsec_[a-z0-9_]+")]
    private static partial Regex MetricToken();
}
