using System.Collections.Frozen;

namespace McpSecurity.SecurityCore.Monitoring;

/// <summary>How one instrument of <see cref="SecurityMetrics"/> is exported: its Prometheus name and label names.</summary>
/// <remarks>
/// Written out rather than derived so the exported names, which the Grafana dashboard and the alert rules use, cannot change
/// by accident; an instrument missing here is not exported (a test checks that every instrument has an entry).
/// </remarks>
internal sealed record PrometheusInstrumentMapping(string MetricName, string[] Labels)
{
    /// <summary>The mappings by instrument name.</summary>
    public static readonly FrozenDictionary<string, PrometheusInstrumentMapping> ByInstrument = new Dictionary<string, PrometheusInstrumentMapping>(StringComparer.Ordinal)
    {
        ["mcpsec.ratelimit.checks"] = new("mcpsec_ratelimit_checks_total", ["policy", "outcome"]),
        ["mcpsec.ratelimit.check.duration"] = new("mcpsec_ratelimit_check_duration_seconds", []),
        ["mcpsec.ratelimit.store.errors"] = new("mcpsec_ratelimit_store_errors_total", []),
        ["mcpsec.ratelimit.store.degraded"] = new("mcpsec_ratelimit_store_degraded", []),
        ["mcpsec.auth.attempts"] = new("mcpsec_auth_attempts_total", ["method", "outcome"]),
        ["mcpsec.token.issue.duration"] = new("mcpsec_token_issue_duration_seconds", []),
        ["mcpsec.token.validate.duration"] = new("mcpsec_token_validate_duration_seconds", ["outcome"]),
        ["mcpsec.incidents.opened"] = new("mcpsec_incidents_opened_total", ["type", "severity"]),
        ["mcpsec.incidents.open"] = new("mcpsec_incidents_open", ["type", "severity", "status"]),
        ["mcpsec.blocked.addresses"] = new("mcpsec_blocked_addresses", []),
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
