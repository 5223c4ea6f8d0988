using System.Globalization;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Incidents;
using McpSecurity.Server.Mcp;

namespace McpSecurity.Server.Http;

/// <summary>What the incident REST routes and MCP tools share: reading the filters and calling the one service for each operation.</summary>
/// <remarks>The filter values themselves (known statuses, types, severities, the limit's range, the cursor) are the service's to judge.</remarks>
internal static class IncidentFace
{
    /// <summary>Builds the query of the list filters; a too long value or an unreadable <paramref name="since"/> is <c>VALIDATION_FAILED</c> naming the field.</summary>
    public static IncidentQuery Query(string? status, string? type, string? severity, string? since, int limit, string? cursor) => new(
        ToolInput.Optional(status, nameof(status), InputLimits.Status),
        ToolInput.Optional(type, nameof(type), InputLimits.IncidentFilter),
        ToolInput.Optional(severity, nameof(severity), InputLimits.Status),
        ParseSince(ToolInput.Optional(since, nameof(since), InputLimits.IncidentFilter)),
        limit,
        ToolInput.Optional(cursor, nameof(cursor), InputLimits.Cursor));

    /// <summary>Lists one page.</summary>
    public static async Task<IncidentListOutput> ListAsync(IIncidentService incidents, IncidentQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        return IncidentListOutput.From(await incidents.ListAsync(query, cancellationToken));
    }

    /// <summary>Gets one incident or throws <c>INCIDENT_NOT_FOUND</c>.</summary>
    public static async Task<IncidentOutput> GetAsync(IIncidentService incidents, string? incidentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        var id = RequireId(incidentId);
        return IncidentOutput.From(await incidents.GetAsync(id, cancellationToken) ?? throw NotFound(id));
    }

    /// <summary>Acknowledges an incident as <paramref name="actorId"/>.</summary>
    public static async Task<IncidentOutput> AcknowledgeAsync(IIncidentService incidents, string? incidentId, string actorId, string? note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        return IncidentOutput.From(await incidents.AcknowledgeAsync(RequireId(incidentId), actorId, Note(note), cancellationToken));
    }

    /// <summary>Resolves an incident as <paramref name="actorId"/>.</summary>
    public static async Task<IncidentOutput> ResolveAsync(IIncidentService incidents, string? incidentId, string actorId, string? note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        return IncidentOutput.From(await incidents.ResolveAsync(RequireId(incidentId), actorId, Note(note), cancellationToken));
    }

    private static string RequireId(string? incidentId) => ToolInput.Require(incidentId, "incident_id", InputLimits.IncidentId);

    private static string? Note(string? note) => ToolInput.Optional(note, "note", InputLimits.IncidentNote);

    private static SecurityException NotFound(string id) =>
        new(SecurityErrorCodes.IncidentNotFound, $"No incident with id '{id}'.", new Dictionary<string, object?> { ["incident_id"] = id });

    private static DateTimeOffset? ParseSince(string? since) =>
        since is null ? null
        : DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value
        : throw ToolInput.Invalid(nameof(since), "must be an ISO 8601 date and time, for example 2026-12-04T18:00:00Z");
}
