using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace McpSecurity.SecurityCore.Monitoring;

/// <summary>
/// Forwards the measurements of this container's <c>McpSecurity</c> meter into a prometheus-net <see cref="CollectorRegistry"/>
/// of its own, which aggregates them and writes the Prometheus text format.
/// </summary>
/// <remarks>
/// Only instruments whose meter came from this container's <see cref="IMeterFactory"/> are heard (<see cref="Meter.Scope"/>),
/// so several servers in one process (tests, or an embedding host) never mix their figures; the registry is not
/// prometheus-net's process-global one and holds no default metrics. Names, labels and help come from
/// <see cref="PrometheusInstrumentMapping"/>; histograms use the instrument's advised buckets. Observable gauges and the
/// open-incident counts are read before each collection.
/// </remarks>
public sealed partial class PrometheusMeterBridge : IDisposable
{
    /// <summary>The content type of the text format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, PrometheusInstrumentSink> _sinks = new();
    private readonly Lock _observeGate = new();
    private readonly SecurityMetrics _metrics;
    private readonly ILogger<PrometheusMeterBridge> _logger;

    /// <summary>Starts listening to the <c>McpSecurity</c> meter of <paramref name="meterFactory"/> (create it at start: earlier measurements are not seen).</summary>
    public PrometheusMeterBridge(IMeterFactory meterFactory, SecurityMetrics metrics, ILogger<PrometheusMeterBridge> logger)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _metrics = metrics;
        _logger = logger;
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meterFactory) && instrument.Meter.Name == SecurityMetrics.MeterName
                && PrometheusInstrumentMapping.ByInstrument.TryGetValue(instrument.Name, out var mapping)
                && _sinks.GetOrAdd(instrument, i => PrometheusInstrumentSink.Create(factory, i, mapping)!) is { } sink)
            {
                listener.EnableMeasurementEvents(instrument, sink);
            }
        };
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((PrometheusInstrumentSink)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((PrometheusInstrumentSink)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((PrometheusInstrumentSink)state!).Record(value, tags));
        _listener.Start();
        Registry.AddBeforeCollectCallback(ObserveAsync);
    }

    /// <summary>Gets the registry that holds this container's series (and nothing else).</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>Reads the gauges and writes every series in the text format to <paramref name="destination"/>.</summary>
    public Task CollectAndExportAsTextAsync(Stream destination, CancellationToken cancellationToken) =>
        Registry.CollectAndExportAsTextAsync(destination, cancellationToken);

    /// <summary>Stops listening.</summary>
    public void Dispose() => _listener.Dispose();

    private async Task ObserveAsync(CancellationToken cancellationToken)
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

        lock (_observeGate)
        {
            foreach (var sink in _sinks.Values)
            {
                sink.BeginObservation();
            }

            _listener.RecordObservableInstruments();
            foreach (var sink in _sinks.Values)
            {
                sink.EndObservation();
            }
        }
    }

    [LoggerMessage(EventId = 7401, Level = LogLevel.Warning, Message = "Metrics: the open-incident counts could not be refreshed; the last counts are exported")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
