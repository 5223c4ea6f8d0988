using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace McpSecurity.SecurityCore.Monitoring;

/// <summary>
/// Aggregates the measurements of this container's <c>McpSecurity</c> meter and writes them in the Prometheus text
/// exposition format (0.0.4).
/// </summary>
/// <remarks>
/// Only instruments whose meter came from this container's <see cref="IMeterFactory"/> are heard (<see cref="Meter.Scope"/>),
/// so several servers in one process (tests, or an embedding host) never mix their figures; there is no process-global
/// registry. Names follow the Prometheus conventions: dots become underscores, a unit of seconds adds <c>_seconds</c>, a
/// counter ends in <c>_total</c>. Histograms use the instrument's advised bucket boundaries. A recording costs one dictionary
/// look-up of the label values and an interlocked add, with no allocation once the series exists.
/// </remarks>
public sealed partial class PrometheusExporter : IDisposable
{
    /// <summary>The content type of the text format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>The most series one instrument keeps; label values are bounded by design, this guards against a mistake.</summary>
    internal const int MaxSeriesPerInstrument = 2000;

    internal static readonly double[] DefaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, PrometheusFamily> _families = new();
    private readonly Lock _collectGate = new();
    private readonly SecurityMetrics _metrics;
    private readonly ILogger<PrometheusExporter> _logger;

    /// <summary>Starts listening to the <c>McpSecurity</c> meter of <paramref name="meterFactory"/> (create it at start: earlier measurements are not seen).</summary>
    public PrometheusExporter(IMeterFactory meterFactory, SecurityMetrics metrics, ILogger<PrometheusExporter> logger)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _metrics = metrics;
        _logger = logger;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meterFactory) && instrument.Meter.Name == SecurityMetrics.MeterName
                && PrometheusFamily.For(instrument) is { } family)
            {
                _families[instrument] = family;
                listener.EnableMeasurementEvents(instrument, family);
            }
        };
        _listener.MeasurementsCompleted = (instrument, _) => _families.TryRemove(instrument, out var _);
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((PrometheusFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((PrometheusFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((PrometheusFamily)state!).Record(value, tags));
        _listener.Start();
    }

    /// <summary>Reads the gauges and writes every family in the text format.</summary>
    public async Task<string> CollectAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _metrics.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A failing incident store must not take the other metrics down with it; the gauge keeps its last counts.
            LogRefreshFailed(_logger, ex);
        }

        lock (_collectGate)
        {
            foreach (var family in _families.Values)
            {
                family.BeginObservation();
            }

            _listener.RecordObservableInstruments();
            var text = new StringBuilder(4096);
            foreach (var family in _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                family.Write(text);
            }

            return text.ToString();
        }
    }

    /// <summary>Stops listening.</summary>
    public void Dispose() => _listener.Dispose();

    /// <summary>Turns an instrument name into a Prometheus metric name (the suffixes by kind and unit).</summary>
    internal static string MetricName(Instrument instrument)
    {
        var name = new StringBuilder(instrument.Name.Length + 16);
        foreach (var c in instrument.Name)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_');
        }

        if (instrument.Unit == "s" && !instrument.Name.EndsWith("seconds", StringComparison.Ordinal))
        {
            name.Append("_seconds");
        }

        var kind = KindOf(instrument);
        if (kind == PrometheusMetricKind.Counter && !instrument.Name.EndsWith("total", StringComparison.Ordinal))
        {
            name.Append("_total");
        }

        return name.ToString();
    }

    internal static PrometheusMetricKind? KindOf(Instrument instrument) => instrument switch
    {
        Counter<long> or Counter<int> or Counter<double> or ObservableCounter<long> or ObservableCounter<int> or ObservableCounter<double> => PrometheusMetricKind.Counter,
        Histogram<double> or Histogram<long> or Histogram<int> => PrometheusMetricKind.Histogram,
        ObservableGauge<long> or ObservableGauge<int> or ObservableGauge<double> or UpDownCounter<long> or UpDownCounter<int>
            or ObservableUpDownCounter<long> or ObservableUpDownCounter<int> => PrometheusMetricKind.Gauge,
        _ => null,
    };

    internal static void AppendNumber(StringBuilder text, double value) => text.Append(value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    });

    [LoggerMessage(EventId = 7401, Level = LogLevel.Warning, Message = "Metrics: the open-incident counts could not be refreshed; the last counts are exported")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
