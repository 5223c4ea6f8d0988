using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using McpSecurity.SecurityCore.Detection;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Monitoring;
using McpSecurity.SecurityCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Incidents;

/// <summary>
/// The incident store's rules: detections open incidents or extend the open one of the same type and source key; staff
/// acknowledge and resolve them. Every change is stored first, then reported as a security event and queued for the
/// <see cref="IIncidentNotifier"/>s (<see cref="IncidentNotificationDispatcher"/>).
/// </summary>
internal sealed partial class IncidentService(
    IIncidentRepository repository,
    IncidentNotificationDispatcher notifications,
    ISecurityEventSink events,
    IOptions<DetectionOptions> options,
    TimeProvider time,
    ILogger<IncidentService> logger,
    SecurityMetrics? metrics = null) : IIncidentService
{
    /// <summary>The longest note accepted.</summary>
    public const int MaxNoteLength = 2000;

    /// <summary>The most responses kept on one incident (the newest).</summary>
    public const int MaxResponses = 100;

    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private static readonly string[] Statuses = [IncidentStatuses.Open, IncidentStatuses.Acknowledged, IncidentStatuses.Resolved];
    private static readonly string[] Types =
    [
        IncidentTypes.BruteForce, IncidentTypes.CredentialStuffing, IncidentTypes.PasswordSpraying, IncidentTypes.RefreshTokenReuse,
        IncidentTypes.RateLimitStorm, IncidentTypes.Enumeration, IncidentTypes.SignatureFailure,
    ];
    private static readonly string[] Severities = [IncidentSeverities.Critical, IncidentSeverities.High, IncidentSeverities.Medium, IncidentSeverities.Low];

    private readonly Lock _gate = new();

    // Incidents whose reports are running their responses, and the changes made to them meanwhile: those are told after
    // the report's own change, so that notifiers hear the changes in the order they happened.
    private readonly Dictionary<string, int> _reporting = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<IncidentChange>> _deferred = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<IncidentPage> ListAsync(IncidentQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        CheckOneOf("status", query.Status, Statuses);
        CheckOneOf("type", query.Type, Types);
        CheckOneOf("severity", query.Severity, Severities);
        if (query.Limit is < 1 or > 200)
        {
            throw Invalid("limit", "limit must be between 1 and 200.");
        }

        var after = query.Cursor is null ? ((DateTimeOffset, string)?)null : DecodeCursor(query.Cursor);
        var found = repository.Query(query.Status, query.Type, query.Severity, query.Since, after, query.Limit + 1);
        var items = found.Take(query.Limit).Select(ToIncident).ToList();
        var next = found.Count > query.Limit ? EncodeCursor(items[^1]) : null;
        return Task.FromResult(new IncidentPage(items, next));
    }

    /// <inheritdoc />
    public Task<Incident?> GetAsync(string incidentId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(incidentId) || incidentId.Length > 64)
        {
            return Task.FromResult<Incident?>(null);
        }

        return Task.FromResult(repository.Find(incidentId) is { } stored ? ToIncident(stored) : null);
    }

    /// <inheritdoc />
    public Task<Incident> AcknowledgeAsync(string incidentId, string actorId, string? note, CancellationToken cancellationToken = default) =>
        TransitionAsync(incidentId, actorId, note, IncidentStatuses.Acknowledged, cancellationToken);

    /// <inheritdoc />
    public Task<Incident> ResolveAsync(string incidentId, string actorId, string? note, CancellationToken cancellationToken = default) =>
        TransitionAsync(incidentId, actorId, note, IncidentStatuses.Resolved, cancellationToken);

    /// <summary>
    /// Opens an incident for a detection, or extends the open (or acknowledged) one of the same type and source key; then
    /// runs <paramref name="respond"/> (the automated responses), records what it answers on the incident, and only then
    /// queues the change for the notifiers. An acknowledgement or resolution made while the responses run is queued after it.
    /// </summary>
    public async Task<(Incident Incident, bool Opened)> ReportAsync(
        IncidentDetection detection, Func<Incident, Task<IReadOnlyList<IncidentResponse>>>? respond = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(detection);
        var sample = options.Value.EvidenceSampleSize;
        var evidence = detection.Events.Select(ToEvidence).ToList();
        var first = detection.FirstSeen ?? time.GetUtcNow();
        var last = detection.Events.Count > 0 ? detection.Events.Max(e => e.OccurredAt) : first;
        var openKey = detection.Type + "|" + detection.SourceKey;
        StoredIncident stored;
        bool opened;
        lock (_gate)
        {
            if (repository.FindOpen(openKey) is { } current)
            {
                current.LastSeen = last > current.LastSeen ? last : current.LastSeen;
                current.EventCount += detection.EventCount;
                current.Evidence = [.. current.Evidence.Concat(evidence).TakeLast(sample)];
                foreach (var (key, value) in detection.Figures)
                {
                    current.Figures[key] = value;
                }

                current.Figures["detections"] = (int.Parse(current.Figures.GetValueOrDefault("detections", "1"), CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);
                stored = current;
                opened = false;
            }
            else
            {
                stored = new StoredIncident
                {
                    Id = "inc_" + new string(RandomNumberGenerator.GetItems<char>(IdAlphabet, 26)),
                    Type = detection.Type,
                    Severity = detection.Severity,
                    Status = IncidentStatuses.Open,
                    Title = detection.Title,
                    SourceKey = detection.SourceKey,
                    OpenKey = openKey,
                    Component = detection.Component,
                    FirstSeen = first,
                    LastSeen = last,
                    EventCount = detection.EventCount,
                    Evidence = [.. evidence.TakeLast(sample)],
                    Figures = new Dictionary<string, string>(detection.Figures, StringComparer.Ordinal) { ["detections"] = "1" },
                };
                opened = true;
            }

            repository.Upsert(stored);
            _reporting[stored.Id] = _reporting.GetValueOrDefault(stored.Id) + 1;
        }

        var incident = ToIncident(stored);
        try
        {
            incident = await AnnounceAsync(incident, opened, respond, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                notifications.Enqueue(new IncidentChange(opened ? IncidentChangeKinds.Opened : IncidentChangeKinds.Updated, incident));
                if (_reporting[incident.Id] > 1)
                {
                    _reporting[incident.Id]--;
                }
                else
                {
                    _reporting.Remove(incident.Id);
                    foreach (var later in _deferred.Remove(incident.Id, out var changes) ? changes : [])
                    {
                        notifications.Enqueue(later);
                    }
                }
            }
        }

        return (incident, opened);
    }

    /// <summary>Records the automated responses that ran for an incident (the newest <see cref="MaxResponses"/> are kept).</summary>
    public Incident? AddResponses(string incidentId, IReadOnlyList<IncidentResponse> responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        if (responses.Count == 0)
        {
            return null;
        }

        lock (_gate)
        {
            if (repository.Find(incidentId) is not { } stored)
            {
                return null;
            }

            stored.Responses = [.. stored.Responses.Concat(responses.Select(r => new StoredIncidentResponse
            {
                Kind = r.Kind, Target = r.Target, AppliedAt = r.AppliedAt, ExpiresAt = r.ExpiresAt, Outcome = r.Outcome,
            })).TakeLast(MaxResponses)];
            repository.Upsert(stored);
            return ToIncident(stored);
        }
    }

    /// <summary>Gets every open or acknowledged incident (for the hand-off gates).</summary>
    public IReadOnlyList<Incident> ListUnresolved() => [.. repository.ListUnresolved().Select(ToIncident)];

    /// <summary>Reports an opened incident as an event, runs the responses and answers the incident with them.</summary>
    private async Task<Incident> AnnounceAsync(Incident incident, bool opened, Func<Incident, Task<IReadOnlyList<IncidentResponse>>>? respond, CancellationToken cancellationToken)
    {
        if (opened)
        {
            metrics?.RecordIncidentOpened(incident.Type, incident.Severity);
            LogOpened(logger, incident.Id, incident.Type, incident.Severity, incident.SourceKey);
            var details = Details(incident);
            details["title"] = incident.Title;
            details["type"] = incident.Type;
            details["source_key"] = incident.SourceKey;
            details["event_count"] = incident.EventCount.ToString(CultureInfo.InvariantCulture);
            await PublishAsync(SecurityEventTypes.IncidentOpened, SecurityEventOutcomes.Info, incident, null, details, cancellationToken).ConfigureAwait(false);
        }

        // The change told is this report's, with its responses, even when a resolution came meanwhile (told next).
        return respond is not null && AddResponses(incident.Id, await respond(incident).ConfigureAwait(false)) is { } responded
            ? incident with { Responses = responded.Responses }
            : incident;
    }

    private async Task<Incident> TransitionAsync(string incidentId, string actorId, string? note, string target, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(actorId))
        {
            throw Invalid("actor_id", "An actor is required.");
        }

        if (note is { Length: > MaxNoteLength })
        {
            throw Invalid("note", $"note must be at most {MaxNoteLength.ToString(CultureInfo.InvariantCulture)} characters.");
        }

        StoredIncident stored;
        lock (_gate)
        {
            stored = (string.IsNullOrEmpty(incidentId) || incidentId.Length > 64 ? null : repository.Find(incidentId))
                ?? throw new SecurityException(SecurityErrorCodes.IncidentNotFound, $"No incident with id '{Shorten(incidentId)}'.",
                    new Dictionary<string, object?> { ["field"] = "incident_id" });
            if (stored.Status == IncidentStatuses.Resolved)
            {
                throw new SecurityException(SecurityErrorCodes.IncidentAlreadyResolved, $"Incident '{stored.Id}' is resolved already.",
                    new Dictionary<string, object?> { ["incident_id"] = stored.Id });
            }

            if (stored.Status == target)
            {
                // Acknowledging twice answers the incident as it is: no second event.
                return ToIncident(stored);
            }

            var now = time.GetUtcNow();
            stored.Status = target;
            if (target == IncidentStatuses.Acknowledged)
            {
                stored.AcknowledgedBy = actorId;
                stored.AcknowledgedAt = now;
            }
            else
            {
                stored.ResolvedBy = actorId;
                stored.ResolvedAt = now;
                stored.OpenKey = null;
            }

            if (!string.IsNullOrWhiteSpace(note))
            {
                stored.Note = note;
            }

            repository.Upsert(stored);
        }

        var incident = ToIncident(stored);
        LogTransition(logger, incident.Id, target, actorId);
        var type = target == IncidentStatuses.Acknowledged ? SecurityEventTypes.IncidentAcknowledged : SecurityEventTypes.IncidentResolved;
        await PublishAsync(type, SecurityEventOutcomes.Success, incident, actorId, Details(incident), cancellationToken).ConfigureAwait(false);
        var change = new IncidentChange(target == IncidentStatuses.Acknowledged ? IncidentChangeKinds.Acknowledged : IncidentChangeKinds.Resolved, incident);
        lock (_gate)
        {
            if (_reporting.ContainsKey(incident.Id))
            {
                (_deferred.TryGetValue(incident.Id, out var changes) ? changes : _deferred[incident.Id] = []).Add(change);
            }
            else
            {
                notifications.Enqueue(change);
            }
        }

        return incident;
    }

    private ValueTask PublishAsync(string type, string outcome, Incident incident, string? actorId, Dictionary<string, string> details, CancellationToken cancellationToken) =>
        events.PublishAsync(new SecurityEvent
        {
            Type = type,
            OccurredAt = time.GetUtcNow(),
            Outcome = outcome,
            SubjectId = actorId,
            Target = incident.Id,
            Details = details,
        }, cancellationToken);

    private static Dictionary<string, string> Details(Incident incident)
    {
        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["incident_id"] = incident.Id,
            ["severity"] = incident.Severity,
            ["incident_type"] = incident.Type,
        };
        if (incident.Component is { } component)
        {
            details["component"] = component;
        }

        return details;
    }

    private static IncidentEvidence ToEvidenceRecord(StoredIncidentEvidence e) => new(e.EventId, e.EventType, e.OccurredAt, e.Address, e.SubjectId, e.ReasonCode);

    private static StoredIncidentEvidence ToEvidence(SecurityEvent e) => new()
    {
        EventId = e.Id, EventType = e.Type, OccurredAt = e.OccurredAt, Address = e.Address, SubjectId = e.SubjectId, ReasonCode = e.ReasonCode,
    };

    private static Incident ToIncident(StoredIncident s) => new()
    {
        Id = s.Id,
        Type = s.Type,
        Severity = s.Severity,
        Status = s.Status,
        Title = s.Title,
        SourceKey = s.SourceKey,
        Component = s.Component,
        FirstSeen = s.FirstSeen,
        LastSeen = s.LastSeen,
        EventCount = s.EventCount,
        Evidence = [.. s.Evidence.Select(ToEvidenceRecord)],
        Figures = new Dictionary<string, string>(s.Figures, StringComparer.Ordinal),
        Responses = [.. s.Responses.Select(r => new IncidentResponse(r.Kind, r.Target, r.AppliedAt, r.ExpiresAt, r.Outcome))],
        AcknowledgedBy = s.AcknowledgedBy,
        AcknowledgedAt = s.AcknowledgedAt,
        ResolvedBy = s.ResolvedBy,
        ResolvedAt = s.ResolvedAt,
        Note = s.Note,
    };

    private static string EncodeCursor(Incident last) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(last.LastSeen.UtcTicks.ToString(CultureInfo.InvariantCulture) + "|" + last.Id));

    private static (DateTimeOffset, string) DecodeCursor(string cursor)
    {
        try
        {
            if (cursor.Length <= 200)
            {
                var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
                var bar = text.IndexOf('|', StringComparison.Ordinal);
                if (bar > 0 && long.TryParse(text.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                    && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks && text.Length > bar + 1)
                {
                    return (new DateTimeOffset(ticks, TimeSpan.Zero), text[(bar + 1)..]);
                }
            }
        }
        catch (FormatException)
        {
        }

        throw Invalid("cursor", "cursor is not a cursor this service gave out.");
    }

    private static void CheckOneOf(string field, string? value, string[] allowed)
    {
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            throw Invalid(field, $"{field} must be one of {string.Join(", ", allowed)}.");
        }
    }

    private static SecurityException Invalid(string field, string message) =>
        new(SecurityErrorCodes.ValidationFailed, message, new Dictionary<string, object?> { ["field"] = field });

    private static string Shorten(string? value) => value is null ? "" : value.Length > 64 ? value[..64] : value;

    [LoggerMessage(EventId = 7331, Level = LogLevel.Warning, Message = "Incident {IncidentId} opened: {Type} ({Severity}) on {SourceKey}")]
    private static partial void LogOpened(ILogger logger, string incidentId, string type, string severity, string sourceKey);

    [LoggerMessage(EventId = 7332, Level = LogLevel.Information, Message = "Incident {IncidentId} {Status} by {Actor}")]
    private static partial void LogTransition(ILogger logger, string incidentId, string status, string actor);
}
