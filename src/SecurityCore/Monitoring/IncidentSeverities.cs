namespace McpSecurity.SecurityCore.Monitoring;

/// <summary>Incident severities by their wire names.</summary>
public static class IncidentSeverities
{
    /// <summary>Critical: blocks sign-offs of the component.</summary>
    public const string Critical = "critical";
    /// <summary>High.</summary>
    public const string High = "high";
    /// <summary>Medium.</summary>
    public const string Medium = "medium";
    /// <summary>Low.</summary>
    public const string Low = "low";
}
