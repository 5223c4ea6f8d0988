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
        // One predicate with numbered parameters: LiteDB merges the parameters of separate Where calls, so two "@0" collide.
        var clauses = new List<string>();
        var values = new List<BsonValue>();
        void Add(string clause, BsonValue value)
        {
            clauses.Add(clause.Replace("@p", "@" + values.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
            values.Add(value);
        }

        if (status is not null)
        {
            Add("$.status = @p", new BsonValue(status));
        }

        if (type is not null)
        {
            Add("$.type = @p", new BsonValue(type));
        }

        if (severity is not null)
        {
            Add("$.severity = @p", new BsonValue(severity));
        }

        if (since is { } from)
        {
            Add("$.last_seen >= @p", LiteDbMapping.ToBson(from));
        }

        if (after is { } cursor)
        {
            Add("$.last_seen <= @p", LiteDbMapping.ToBson(cursor.LastSeen));
        }

        var query = Incidents.Query();
        if (clauses.Count > 0)
        {
            query = query.Where(BsonExpression.Create(string.Join(" AND ", clauses.Select(c => "(" + c + ")")), [.. values]));
        }

        // Newest first, the id breaking ties, so pages never overlap or skip; the tie-break and the cursor's exact position
        // are applied here because LiteDB orders by one expression only.
        IEnumerable<StoredIncident> ordered = query.OrderByDescending(x => x.LastSeen).ToEnumerable()
            .OrderByDescending(x => x.LastSeen).ThenByDescending(x => x.Id, StringComparer.Ordinal);
        if (after is { } position)
        {
            ordered = ordered.Where(x => x.LastSeen < position.LastSeen || string.CompareOrdinal(x.Id, position.Id) < 0);
        }

        return [.. ordered.Take(limit)];
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredIncident> ListUnresolved() =>
        Incidents.Find(BsonExpression.Create("$.open_key != null")).ToList();
}
