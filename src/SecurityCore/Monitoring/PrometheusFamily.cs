using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace McpSecurity.SecurityCore.Monitoring;

/// <summary>One metric family: the series of one instrument, by label values.</summary>
internal sealed class PrometheusFamily
{
    private readonly ConcurrentDictionary<PrometheusLabelSet, PrometheusSeries> _series = new();
    private readonly PrometheusMetricKind _kind;
    private readonly bool _observable;
    private readonly double[] _bounds;
    private readonly string _help;

    // The hot path's label values are the same string instances every time (policy names, outcome literals): a few recent
    // series found by reference comparison spare the dictionary's string hashing.
    private const int RecentSize = 8;
    private readonly PrometheusSeries?[] _recent = new PrometheusSeries?[RecentSize];
    private int _recentNext;

    private PrometheusFamily(string name, string help, PrometheusMetricKind kind, bool observable, double[] bounds)
    {
        Name = name;
        _help = help;
        _kind = kind;
        _observable = observable;
        _bounds = bounds;
    }

    public string Name { get; }

    private PrometheusSeries? Recent(in PrometheusLabelSet labels)
    {
        foreach (var candidate in _recent)
        {
            if (candidate is not null && candidate.Labels.IsSameInstances(labels))
            {
                return candidate;
            }
        }

        return null;
    }

    public static PrometheusFamily? For(Instrument instrument)
    {
        if (PrometheusExporter.KindOf(instrument) is not { } kind)
        {
            return null;
        }

        var bounds = instrument is Histogram<double> { Advice.HistogramBucketBoundaries: { } advised } ? [.. advised] : PrometheusExporter.DefaultBuckets;
        return new PrometheusFamily(PrometheusExporter.MetricName(instrument), instrument.Description ?? instrument.Name, kind, instrument.IsObservable, bounds);
    }

    public void BeginObservation()
    {
        // An observable series that is not reported again (an incident type no longer open) disappears.
        if (_observable)
        {
            _series.Clear();
        }
    }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = PrometheusLabelSet.From(tags);
        var series = _observable ? null : Recent(labels);
        if (series is null)
        {
            if (!_series.TryGetValue(labels, out series))
            {
                if (_series.Count >= PrometheusExporter.MaxSeriesPerInstrument)
                {
                    return;
                }

                series = _series.GetOrAdd(labels, static (key, buckets) => new PrometheusSeries(key, buckets), _kind == PrometheusMetricKind.Histogram ? _bounds.Length : 0);
            }

            if (!_observable)
            {
                _recent[Interlocked.Increment(ref _recentNext) & (RecentSize - 1)] = series;
            }
        }

        switch (_kind)
        {
            case PrometheusMetricKind.Histogram:
                series.Observe(value, _bounds);
                break;
            case PrometheusMetricKind.Counter when !_observable:
                series.Add(value);
                break;
            default:
                series.Set(value);
                break;
        }
    }

    public void Write(StringBuilder text)
    {
        text.Append("# HELP ").Append(Name).Append(' ');
        foreach (var c in _help)
        {
            text.Append(c switch { '\\' => "\\\\", '\n' => "\\n", _ => c.ToString() });
        }

        text.Append('\n').Append("# TYPE ").Append(Name).Append(' ')
            .Append(_kind switch { PrometheusMetricKind.Counter => "counter", PrometheusMetricKind.Histogram => "histogram", _ => "gauge" }).Append('\n');
        foreach (var (labels, series) in _series.OrderBy(s => s.Key.ToString(), StringComparer.Ordinal))
        {
            if (_kind != PrometheusMetricKind.Histogram)
            {
                text.Append(Name);
                labels.Write(text, null);
                text.Append(' ');
                PrometheusExporter.AppendNumber(text, series.Value);
                text.Append('\n');
                continue;
            }

            long cumulative = 0;
            for (var i = 0; i <= _bounds.Length; i++)
            {
                cumulative += Interlocked.Read(ref series.Buckets[i]);
                text.Append(Name).Append("_bucket");
                labels.Write(text, i < _bounds.Length ? _bounds[i].ToString("R", CultureInfo.InvariantCulture) : "+Inf");
                text.Append(' ').Append(cumulative.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }

            text.Append(Name).Append("_sum");
            labels.Write(text, null);
            text.Append(' ');
            PrometheusExporter.AppendNumber(text, series.Sum);
            text.Append('\n').Append(Name).Append("_count");
            labels.Write(text, null);
            text.Append(' ').Append(cumulative.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
    }
}
