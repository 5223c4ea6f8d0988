using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Monitoring;

namespace McpSecurity.SecurityCore.Incidents;

/// <summary>
/// The hand-off gates' view of open incidents over the incident store: every open or acknowledged incident. Incidents
/// reported by other means (an <c>incident_opened</c> event published directly, for example by an external tool through
/// the audit trail) still count until an <c>incident_resolved</c> event with their id, as before the store existed.
/// </summary>
internal sealed class IncidentStoreLookup(IncidentService incidents, ISecurityEventWindowReader reader, TimeProvider time) : IIncidentLookup
{
    private readonly SecurityEventIncidentLookup _events = new(reader, time);

    /// <inheritdoc />
    public async Task<IReadOnlyList<OpenIncident>> GetOpenAsync(string? component, CancellationToken cancellationToken = default)
    {
        var stored = incidents.ListUnresolved()
            .Where(i => i.Component is null || component is null || string.Equals(i.Component, component, StringComparison.Ordinal))
            .Select(i => new OpenIncident(i.Id, i.Severity, i.Component, i.FirstSeen, i.Title))
            .ToList();
        var reported = await _events.GetOpenAsync(component, cancellationToken).ConfigureAwait(false);
        foreach (var incident in reported)
        {
            // The store is authoritative for its own incidents: their events are only a record of its changes.
            if (!incident.IncidentId.StartsWith("inc_", StringComparison.Ordinal) || await incidents.GetAsync(incident.IncidentId, cancellationToken).ConfigureAwait(false) is null)
            {
                stored.Add(incident);
            }
        }

        return stored;
    }
}
