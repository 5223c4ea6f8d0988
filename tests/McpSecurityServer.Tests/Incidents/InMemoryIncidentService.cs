using System.Collections.Concurrent;
using System.Globalization;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Incidents;
using McpSecurity.SecurityCore.Monitoring;

namespace McpSecurity.Tests.Server.Incidents;

/// <summary>A test double of <see cref="IIncidentService"/> with the contract of the interface: filters checked, cursor paging, transitions, notifiers told.</summary>
public sealed class InMemoryIncidentService(IEnumerable<IIncidentNotifier> notifiers, TimeProvider time) : IIncidentService
{
    private static readonly string[] Statuses = [IncidentStatuses.Open, IncidentStatuses.Acknowledged, IncidentStatuses.Resolved];
    private static readonly string[] Severities = [IncidentSeverities.Critical, IncidentSeverities.High, IncidentSeverities.Medium, IncidentSeverities.Low];
    private static readonly string[] Types = [IncidentTypes.BruteForce, IncidentTypes.CredentialStuffing, IncidentTypes.PasswordSpraying,
        IncidentTypes.RefreshTokenReuse, IncidentTypes.RateLimitStorm, IncidentTypes.Enumeration, IncidentTypes.SignatureFailure];

    private readonly ConcurrentDictionary<string, Incident> _incidents = new(StringComparer.Ordinal);

    /// <summary>Stores a new incident and tells the notifiers, as the detector would.</summary>
    public async Task<Incident> OpenAsync(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        _incidents[incident.Id] = incident;
        await NotifyAsync(IncidentChangeKinds.Opened, incident);
        return incident;
    }

    public Task<IncidentPage> ListAsync(IncidentQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        Check("status", query.Status, Statuses);
        Check("type", query.Type, Types);
        Check("severity", query.Severity, Severities);
        if (query.Limit is < 1 or > 200)
        {
            throw Invalid("limit", "must be between 1 and 200");
        }

        var offset = 0;
        if (query.Cursor is { } cursor && !(cursor.StartsWith("o:", StringComparison.Ordinal)
            && int.TryParse(cursor[2..], NumberStyles.None, CultureInfo.InvariantCulture, out offset)))
        {
            throw Invalid("cursor", "is not a cursor of this list");
        }

        var matching = _incidents.Values
            .Where(i => (query.Status is null || i.Status == query.Status) && (query.Type is null || i.Type == query.Type)
                && (query.Severity is null || i.Severity == query.Severity) && (query.Since is null || i.LastSeen >= query.Since))
            .OrderByDescending(i => i.LastSeen).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();
        var page = matching.Skip(offset).Take(query.Limit).ToList();
        var next = offset + page.Count < matching.Count ? $"o:{(offset + page.Count).ToString(CultureInfo.InvariantCulture)}" : null;
        return Task.FromResult(new IncidentPage(page, next));
    }

    public Task<Incident?> GetAsync(string incidentId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_incidents.GetValueOrDefault(incidentId));

    public async Task<Incident> AcknowledgeAsync(string incidentId, string actorId, string? note, CancellationToken cancellationToken = default)
    {
        var incident = Find(incidentId);
        if (incident.Status == IncidentStatuses.Acknowledged)
        {
            return incident;
        }

        var changed = incident with { Status = IncidentStatuses.Acknowledged, AcknowledgedBy = actorId, AcknowledgedAt = time.GetUtcNow(), Note = note ?? incident.Note };
        _incidents[incidentId] = changed;
        await NotifyAsync(IncidentChangeKinds.Acknowledged, changed);
        return changed;
    }

    public async Task<Incident> ResolveAsync(string incidentId, string actorId, string? note, CancellationToken cancellationToken = default)
    {
        var incident = Find(incidentId);
        var changed = incident with { Status = IncidentStatuses.Resolved, ResolvedBy = actorId, ResolvedAt = time.GetUtcNow(), Note = note ?? incident.Note };
        _incidents[incidentId] = changed;
        await NotifyAsync(IncidentChangeKinds.Resolved, changed);
        return changed;
    }

    private Incident Find(string incidentId)
    {
        var incident = _incidents.GetValueOrDefault(incidentId)
            ?? throw new SecurityException(SecurityErrorCodes.IncidentNotFound, $"No incident with id '{incidentId}'.");
        return incident.Status == IncidentStatuses.Resolved
            ? throw new SecurityException(SecurityErrorCodes.IncidentAlreadyResolved, $"Incident '{incidentId}' is resolved already.")
            : incident;
    }

    private async Task NotifyAsync(string kind, Incident incident)
    {
        foreach (var notifier in notifiers)
        {
            await notifier.NotifyAsync(new IncidentChange(kind, incident));
        }
    }

    private static void Check(string field, string? value, string[] known)
    {
        if (value is not null && !known.Contains(value))
        {
            throw Invalid(field, $"must be one of {string.Join(", ", known)}");
        }
    }

    private static SecurityException Invalid(string field, string rule) =>
        new(SecurityErrorCodes.ValidationFailed, $"'{field}' {rule}.", new Dictionary<string, object?> { ["field"] = field });
}
