namespace McpSecurity.SecurityCore.Incidents;

/// <summary>What happened to an incident, as told to <see cref="IIncidentNotifier"/>s.</summary>
public static class IncidentChangeKinds
{
    /// <summary>A new incident.</summary>
    public const string Opened = "opened";
    /// <summary>More events of an open incident (notifiers may coalesce these).</summary>
    public const string Updated = "updated";
    /// <summary>Somebody acknowledged it.</summary>
    public const string Acknowledged = "acknowledged";
    /// <summary>Somebody resolved it.</summary>
    public const string Resolved = "resolved";
}
