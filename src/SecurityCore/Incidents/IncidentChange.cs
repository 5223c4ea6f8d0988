namespace McpSecurity.SecurityCore.Incidents;

/// <summary>A change of an incident, told to every <see cref="IIncidentNotifier"/> after it is stored.</summary>
/// <param name="Kind">See <see cref="IncidentChangeKinds"/>.</param>
/// <param name="Incident">The incident as stored after the change.</param>
public sealed record IncidentChange(string Kind, Incident Incident);
