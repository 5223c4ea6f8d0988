using McpSecurity.SecurityCore.Monitoring;

namespace McpSecurity.SecurityCore.Alerting;

/// <summary>Maps incident severities to the Events API v2 severities and orders them.</summary>
internal static class PagerDutySeverity
{
    /// <summary>Gets the rank of an incident severity (low 0 ... critical 3), or -1 for an unknown one.</summary>
    public static int Rank(string? severity) => severity switch
    {
        IncidentSeverities.Low => 0,
        IncidentSeverities.Medium => 1,
        IncidentSeverities.High => 2,
        IncidentSeverities.Critical => 3,
        _ => -1,
    };

    /// <summary>Gets the <c>payload.severity</c> of an incident severity: critical, error, warning or info (unknown ones count as error).</summary>
    public static string ToEventSeverity(string? severity) => severity switch
    {
        IncidentSeverities.Critical => "critical",
        IncidentSeverities.Medium => "warning",
        IncidentSeverities.Low => "info",
        _ => "error",
    };
}
