using LiteDB;
using McpSecurity.SecurityCore.Events;

namespace McpSecurity.SecurityCore.Storage;

/// <summary>
/// Security events in the <c>security_events</c> collection: an auto-incremented <c>_id</c> keeps the order they were
/// appended, indexes on <c>occurred_at</c> and <c>type</c> serve queries by time and kind.
/// </summary>
internal sealed class LiteDbSecurityEventRepository(LiteDbStore store) : ISecurityEventRepository
{
    /// <summary>The largest page <see cref="GetRecent"/> returns.</summary>
    public const int MaxLimit = 1000;

    private ILiteCollection<BsonDocument> Events => store.Database.GetCollection(LiteDbCollections.SecurityEvents, BsonAutoId.Int64);

    /// <inheritdoc />
    public void Append(SecurityEvent securityEvent)
    {
        ArgumentNullException.ThrowIfNull(securityEvent);
        Events.Insert(ToDocument(securityEvent));
    }

    /// <inheritdoc />
    public IReadOnlyList<SecurityEvent> GetRecent(int limit, string? type = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        if (limit == 0)
        {
            return [];
        }

        var query = Events.Query();
        if (type is not null)
        {
            query = query.Where(BsonExpression.Create("$.type = @0", new BsonValue(type)));
        }

        var documents = query.OrderByDescending(BsonExpression.Create("$._id")).Limit(Math.Min(limit, MaxLimit)).ToList();
        return [.. documents.Select(FromDocument)];
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
}
