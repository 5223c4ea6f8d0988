using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using Prometheus;

namespace McpSecurity.SecurityCore.Monitoring;

/// <summary>Forwards the measurements of one instrument into its prometheus-net collector, by label values.</summary>
internal sealed class PrometheusInstrumentSink
{
    /// <summary>The most series one instrument keeps; label values are bounded by design, this guards against a mistake.</summary>
    internal const int MaxSeriesPerInstrument = 2000;

    internal static readonly double[] DefaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly string[] _labels;
    private readonly Func<string[], ChildBase> _withLabels;
    private readonly object _unlabelled;
    private readonly Kind _kind;
    private readonly bool _observable;
    private readonly ConcurrentDictionary<LabelValues, ChildBase> _children = new();
    private readonly HashSet<LabelValues> _observed = [];

    private PrometheusInstrumentSink(string[] labels, Kind kind, bool observable, object unlabelled, Func<string[], ChildBase> withLabels)
    {
        _labels = labels;
        _kind = kind;
        _observable = observable;
        _unlabelled = unlabelled;
        _withLabels = withLabels;
    }

    private enum Kind
    {
        Counter,
        Histogram,
        Gauge,
    }

    /// <summary>Creates the collector of <paramref name="instrument"/> in <paramref name="factory"/>'s registry; null for an instrument kind that is not exported.</summary>
    public static PrometheusInstrumentSink? Create(IMetricFactory factory, Instrument instrument, PrometheusInstrumentMapping mapping)
    {
        var help = instrument.Description ?? instrument.Name;
        var labels = mapping.Labels;
        switch (instrument)
        {
            case Counter<long> or Counter<int> or Counter<double>:
            {
                var counter = factory.CreateCounter(mapping.MetricName, help, labels);
                return new PrometheusInstrumentSink(labels, Kind.Counter, observable: false, counter, values => counter.WithLabels(values));
            }

            case Histogram<double> or Histogram<long> or Histogram<int>:
            {
                var bounds = instrument is Histogram<double> { Advice.HistogramBucketBoundaries: { } advised } ? [.. advised] : DefaultBuckets;
                var histogram = factory.CreateHistogram(mapping.MetricName, help, labels, new HistogramConfiguration { Buckets = bounds });
                return new PrometheusInstrumentSink(labels, Kind.Histogram, observable: false, histogram, values => histogram.WithLabels(values));
            }

            case ObservableGauge<long> or ObservableGauge<int> or ObservableGauge<double> or UpDownCounter<long> or UpDownCounter<int>
                or ObservableUpDownCounter<long> or ObservableUpDownCounter<int>:
            {
                var gauge = factory.CreateGauge(mapping.MetricName, help, labels);
                return new PrometheusInstrumentSink(labels, Kind.Gauge, instrument.IsObservable, gauge, values => gauge.WithLabels(values));
            }

            default:
                return null;
        }
    }

    /// <summary>Forgets which observable series were reported (call before <see cref="MeterListener.RecordObservableInstruments"/>).</summary>
    public void BeginObservation() => _observed.Clear();

    /// <summary>Removes the observable series that were not reported again (an incident type no longer open).</summary>
    public void EndObservation()
    {
        if (!_observable || _labels.Length == 0)
        {
            return;
        }

        foreach (var (values, child) in _children)
        {
            if (!_observed.Contains(values) && _children.TryRemove(values, out _))
            {
                child.Remove();
            }
        }
    }

    /// <summary>Records one measurement.</summary>
    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var target = _unlabelled;
        if (_labels.Length > 0)
        {
            var values = LabelValues.From(_labels, tags);
            if (!_children.TryGetValue(values, out var child))
            {
                if (_children.Count >= MaxSeriesPerInstrument)
                {
                    return;
                }

                child = _children.GetOrAdd(values, static (key, create) => create(key.ToArray()), _withLabels);
            }

            if (_observable)
            {
                _observed.Add(values);
            }

            target = child;
        }

        switch (_kind)
        {
            case Kind.Counter when value >= 0:
                ((ICounter)target).Inc(value);
                break;
            case Kind.Histogram:
                ((IHistogram)target).Observe(value);
                break;
            case Kind.Gauge when _observable:
                ((IGauge)target).Set(value);
                break;
            case Kind.Gauge:
                ((IGauge)target).Inc(value);
                break;
        }
    }

    /// <summary>The values of up to three labels, in the mapping's order (a missing tag is empty).</summary>
    private readonly record struct LabelValues(int Count, string First, string Second, string Third)
    {
        public static LabelValues From(string[] labels, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string first = string.Empty, second = string.Empty, third = string.Empty;
            foreach (var tag in tags)
            {
                var index = Array.IndexOf(labels, tag.Key);
                var value = tag.Value as string ?? Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? string.Empty;
                switch (index)
                {
                    case 0: first = value; break;
                    case 1: second = value; break;
                    case 2: third = value; break;
                }
            }

            return new LabelValues(labels.Length, first, second, third);
        }

        public string[] ToArray() => Count switch
        {
            1 => [First],
            2 => [First, Second],
            _ => [First, Second, Third],
        };
    }
}
