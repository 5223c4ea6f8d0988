using McpSecurity.SecurityCore.Events;

namespace McpSecurity.SecurityCore.Monitoring;

/// <summary>Open incidents from <c>incident_opened</c> / <c>incident_resolved</c> events of the last 365 days (see <see cref="IIncidentLookup"/>).</summary>
internal sealed class SecurityEventIncidentLookup(ISecurityEventWindowReader reader, TimeProvider time) : IIncidentLookup
{
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(365);

    /// <inheritdoc />
    public async Task<IReadOnlyList<OpenIncident>> GetOpenAsync(string? component, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var window = await reader.ReadAsync(now - Horizon, now + TimeSpan.FromTicks(1), cancellationToken).ConfigureAwait(false);
        var open = new Dictionary<string, OpenIncident>(StringComparer.Ordinal);
        foreach (var e in window.Events)
        {
            if (!e.Details.TryGetValue("incident_id", out var id) || string.IsNullOrEmpty(id))
            {
                continue;
            }

            if (e.Type == SecurityEventTypes.IncidentOpened)
            {
                open[id] = new OpenIncident(id, e.Details.GetValueOrDefault("severity") ?? IncidentSeverities.Medium,
                    e.Details.GetValueOrDefault("component") is { Length: > 0 } c ? c : null, e.OccurredAt, e.Details.GetValueOrDefault("title"));
            }
            else if (e.Type == SecurityEventTypes.IncidentResolved)
            {
                open.Remove(id);
            }
        }

        return [.. open.Values.Where(i => i.Component is null || component is null || string.Equals(i.Component, component, StringComparison.Ordinal))];
    }
}
