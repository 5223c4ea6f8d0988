namespace McpSecurity.SecurityCore.Monitoring;

/// <summary>The Prometheus metric types the exporter writes.</summary>
internal enum PrometheusMetricKind
{
    /// <summary>A monotonic counter (<c>_total</c>).</summary>
    Counter,
    /// <summary>A value that goes up and down.</summary>
    Gauge,
    /// <summary>Cumulative buckets, sum and count.</summary>
    Histogram,
}
