using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using McpSecurity.SecurityCore.Monitoring;

namespace McpSecurity.Tests.SecurityCore.Monitoring;

/// <summary>Records the measurements of one container's <c>McpSecurity</c> meter (by its meter factory, the meters' scope).</summary>
internal sealed class MeasurementRecorder : IDisposable
{
    private readonly MeterListener _listener = new();

    public MeasurementRecorder(IMeterFactory factory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Meter.Name == SecurityMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    public ConcurrentQueue<(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags)> Measurements { get; } = new();

    /// <summary>Reads the observable gauges now.</summary>
    public void Observe() => _listener.RecordObservableInstruments();

    /// <summary>Sums the measurements of <paramref name="instrument"/> whose tags include <paramref name="tags"/>.</summary>
    public double Sum(string instrument, params (string Key, string Value)[] tags) => Measurements
        .Where(m => m.Instrument == instrument && tags.All(t => m.Tags.TryGetValue(t.Key, out var v) && v == t.Value))
        .Sum(m => m.Value);

    /// <summary>Counts the measurements of <paramref name="instrument"/>.</summary>
    public int Count(string instrument) => Measurements.Count(m => m.Instrument == instrument);

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value?.ToString();
        }

        Measurements.Enqueue((instrument.Name, value, copy));
    }
}
