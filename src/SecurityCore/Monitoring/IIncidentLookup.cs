namespace McpSecurity.SecurityCore.Monitoring;

/// <summary>
/// The seam to incident management (issue 5): which incidents are open now. A hand-off approval of a component with an open
/// critical incident is refused.
/// </summary>
/// <remarks>
/// Until incident management exists the implementation (<see cref="SecurityEventIncidentLookup"/>) reads the audit trail:
/// an <c>incident_opened</c> event (details <c>incident_id</c>, <c>severity</c>, optional <c>component</c> and <c>title</c>)
/// opens one and an <c>incident_resolved</c> event with the same <c>incident_id</c> closes it. Issue 5 replaces the
/// registration with its own store.
/// </remarks>
public interface IIncidentLookup
{
    /// <summary>Gets the open incidents of <paramref name="component"/> (and those without a component, which concern every one).</summary>
    Task<IReadOnlyList<OpenIncident>> GetOpenAsync(string? component, CancellationToken cancellationToken = default);
}
