using LiteDB;
using McpSecurity.SecurityCore.Storage;
using Microsoft.Extensions.Logging;

namespace McpSecurity.SecurityCore.Events;

/// <summary>
/// Stores security events in the <c>security_events</c> collection and logs each at Information.
/// The tamper-evident audit log replaces it later behind <see cref="ISecurityEventSink"/>.
/// </summary>
/// <remarks>The log line carries type, outcome, subject, client, target and reason code only; details never reach the log.</remarks>
internal sealed partial class LiteDbSecurityEventSink(LiteDbStore store, ILogger<LiteDbSecurityEventSink> logger)
    : ISecurityEventSink, ISecurityEventReader
{
    /// <summary>The largest page <see cref="GetRecentAsync"/> returns.</summary>
    public const int MaxLimit = 1000;

    private ILiteCollection<BsonDocument> Events => store.Database.GetCollection(LiteDbCollections.SecurityEvents, BsonAutoId.Int64);

    /// <inheritdoc />
    public ValueTask PublishAsync(SecurityEvent securityEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(securityEvent);
        cancellationToken.ThrowIfCancellationRequested();
        Events.Insert(ToDocument(securityEvent));
        LogEvent(logger, securityEvent.Type, securityEvent.Outcome, securityEvent.SubjectId, securityEvent.ClientId, securityEvent.Target, securityEvent.ReasonCode, securityEvent.Id);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    /// <remarks>Newest first in the order the events were recorded; <paramref name="limit"/> is capped at <see cref="MaxLimit"/>.</remarks>
    public Task<IReadOnlyList<SecurityEvent>> GetRecentAsync(int limit, string? type = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        cancellationToken.ThrowIfCancellationRequested();
        if (limit == 0)
        {
            return Task.FromResult<IReadOnlyList<SecurityEvent>>([]);
        }

        var query = Events.Query();
        if (type is not null)
        {
            query = query.Where(BsonExpression.Create("$.type = @0", new BsonValue(type)));
        }

        var documents = query.OrderByDescending(BsonExpression.Create("$._id")).Limit(Math.Min(limit, MaxLimit)).ToList();
        IReadOnlyList<SecurityEvent> events = [.. documents.Select(FromDocument)];
        return Task.FromResult(events);
    }

    internal static BsonDocument ToDocument(SecurityEvent e)
    {
        var details = new BsonDocument();
        foreach (var (key, value) in e.Details)
        {
            details[key] = value;
        }

        var document = new BsonDocument
        {
            ["event_id"] = e.Id,
            ["type"] = e.Type,
            ["occurred_at"] = LiteDbMapping.ToBson(e.OccurredAt),
            ["outcome"] = e.Outcome,
            ["details"] = details,
        };
        AddIfPresent(document, "subject_id", e.SubjectId);
        AddIfPresent(document, "client_id", e.ClientId);
        AddIfPresent(document, "address", e.Address);
        AddIfPresent(document, "target", e.Target);
        AddIfPresent(document, "reason_code", e.ReasonCode);
        AddIfPresent(document, "request_id", e.RequestId);
        return document;
    }

    internal static SecurityEvent FromDocument(BsonDocument d)
    {
        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        if (d.TryGetValue("details", out var rawDetails) && rawDetails.IsDocument)
        {
            foreach (var (key, value) in rawDetails.AsDocument)
            {
                details[key] = value.IsString ? value.AsString : value.ToString();
            }
        }

        return new SecurityEvent
        {
            Id = d["event_id"].AsString,
            Type = d["type"].AsString,
            OccurredAt = new DateTimeOffset(d["occurred_at"].AsInt64, TimeSpan.Zero),
            Outcome = d["outcome"].AsString,
            SubjectId = StringOrNull(d, "subject_id"),
            ClientId = StringOrNull(d, "client_id"),
            Address = StringOrNull(d, "address"),
            Target = StringOrNull(d, "target"),
            ReasonCode = StringOrNull(d, "reason_code"),
            RequestId = StringOrNull(d, "request_id"),
            Details = details,
        };
    }

    private static void AddIfPresent(BsonDocument document, string field, string? value)
    {
        if (value is not null)
        {
            document[field] = value;
        }
    }

    private static string? StringOrNull(BsonDocument document, string field) =>
        document.TryGetValue(field, out var value) && value.IsString ? value.AsString : null;

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information,
        Message = "Security event {EventType} {Outcome} subject={SubjectId} client={ClientId} target={Target} reason={ReasonCode} id={EventId}")]
    private static partial void LogEvent(ILogger logger, string eventType, string outcome, string? subjectId, string? clientId, string? target, string? reasonCode, string eventId);
}
