using LiteDB;

namespace McpSecurity.SecurityCore.Storage;

/// <summary>LiteDB incidents keyed by id, indexed by status, last seen and the open dedup key.</summary>
internal sealed class LiteDbIncidentRepository(LiteDbStore store) : IIncidentRepository
{
    private ILiteCollection<StoredIncident> Incidents => store.Collection<StoredIncident>(LiteDbCollections.Incidents);

    /// <summary>Creates the indexes (called by the store when it opens).</summary>
    public static void EnsureIndexes(LiteDatabase database)
    {
        var incidents = database.GetCollection<StoredIncident>(LiteDbCollections.Incidents);
        incidents.EnsureIndex("status", x => x.Status);
        incidents.EnsureIndex("last_seen", x => x.LastSeen);
        incidents.EnsureIndex("open_key", x => x.OpenKey);
    }

    /// <inheritdoc />
    public StoredIncident? Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Incidents.FindById(id);
    }

    /// <inheritdoc />
    public StoredIncident? FindOpen(string openKey)
    {
        ArgumentNullException.ThrowIfNull(openKey);
        return Incidents.FindOne(BsonExpression.Create("$.open_key = @0", new BsonValue(openKey)));
    }

    /// <inheritdoc />
    public void Upsert(StoredIncident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        Incidents.Upsert(incident);
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredIncident> Query(string? status, string? type, string? severity, DateTimeOffset? since, (DateTimeOffset LastSeen, string Id)? after, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var query = Incidents.Query();
        if (status is not null)
        {
            query = query.Where(BsonExpression.Create("$.status = @0", new BsonValue(status)));
        }

        if (type is not null)
        {
            query = query.Where(BsonExpression.Create("$.type = @0", new BsonValue(type)));
        }

        if (severity is not null)
        {
            query = query.Where(BsonExpression.Create("$.severity = @0", new BsonValue(severity)));
        }

        if (since is { } from)
        {
            query = query.Where(BsonExpression.Create("$.last_seen >= @0", LiteDbMapping.ToBson(from)));
        }

        // Instants are stored as UTC ticks, which have the same number of digits for every date this product will see, so
        // the string key sorts like the number and the id breaks ties: pages never overlap or skip.
        const string order = "STRING($.last_seen) + '|' + $._id";
        if (after is { } cursor)
        {
            query = query.Where(BsonExpression.Create(order + " < @0", new BsonValue(cursor.LastSeen.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture) + "|" + cursor.Id)));
        }

        return query.OrderByDescending(BsonExpression.Create(order)).Limit(limit).ToList();
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredIncident> ListUnresolved() =>
        Incidents.Find(BsonExpression.Create("$.open_key != null")).ToList();
}
