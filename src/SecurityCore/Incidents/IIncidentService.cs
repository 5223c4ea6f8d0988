namespace McpSecurity.SecurityCore.Incidents;

/// <summary>Incident management: list, read, acknowledge and resolve the incidents the attack detector opens.</summary>
/// <remarks>Every change is a security event (<c>incident_opened</c>, <c>incident_acknowledged</c>, <c>incident_resolved</c>) and is told to the <see cref="IIncidentNotifier"/>s.</remarks>
public interface IIncidentService
{
    /// <summary>Lists incidents; a bad filter or cursor throws <c>SecurityException</c> with <c>INVALID_REQUEST</c>.</summary>
    Task<IncidentPage> ListAsync(IncidentQuery query, CancellationToken cancellationToken = default);

    /// <summary>Gets one incident, or null when there is none with that id.</summary>
    Task<Incident?> GetAsync(string incidentId, CancellationToken cancellationToken = default);

    /// <summary>Acknowledges an open incident (idempotent for an acknowledged one); <c>INCIDENT_NOT_FOUND</c> or <c>INCIDENT_ALREADY_RESOLVED</c> otherwise.</summary>
    Task<Incident> AcknowledgeAsync(string incidentId, string actorId, string? note, CancellationToken cancellationToken = default);

    /// <summary>Resolves an open or acknowledged incident; <c>INCIDENT_NOT_FOUND</c> or <c>INCIDENT_ALREADY_RESOLVED</c> otherwise.</summary>
    Task<Incident> ResolveAsync(string incidentId, string actorId, string? note, CancellationToken cancellationToken = default);
}
