namespace McpSecurity.SecurityCore.Incidents;

/// <summary>Incident statuses by their wire names: open, then acknowledged (optional), then resolved.</summary>
public static class IncidentStatuses
{
    /// <summary>Detected, nobody has taken it yet.</summary>
    public const string Open = "open";
    /// <summary>Somebody is handling it.</summary>
    public const string Acknowledged = "acknowledged";
    /// <summary>Handled; a new detection of the same pattern opens a new incident.</summary>
    public const string Resolved = "resolved";
}
