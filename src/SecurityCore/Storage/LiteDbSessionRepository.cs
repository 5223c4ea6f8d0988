using LiteDB;

namespace McpSecurity.SecurityCore.Storage;

/// <summary>LiteDB login sessions keyed by session id, indexed by subject.</summary>
internal sealed class LiteDbSessionRepository(LiteDbStore store) : ISessionRepository
{
    private readonly Lock _writeLock = new();

    private ILiteCollection<StoredSession> Sessions => store.Collection<StoredSession>(LiteDbCollections.Sessions);

    /// <inheritdoc />
    public void Insert(StoredSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        Sessions.Insert(session);
    }

    /// <inheritdoc />
    public StoredSession? FindById(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Sessions.FindById(id);
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredSession> ListBySubject(string subject, bool includeEnded)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var found = Sessions.Find(BsonExpression.Create("$.subject = @0", new BsonValue(subject)));
        return [.. found.Where(s => includeEnded || s.EndedAt is null).OrderByDescending(s => s.CreatedAt)];
    }

    /// <inheritdoc />
    public bool UpdateLastActivity(string id, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(id);
        // A field update that only moves forward: a late write-behind never undoes a newer one.
        var changes = BsonExpression.Create("{ last_activity_at: @0 }", LiteDbMapping.ToBson(at));
        var predicate = BsonExpression.Create("_id = @0 AND $.last_activity_at < @1", new BsonValue(id), LiteDbMapping.ToBson(at));
        return Sessions.UpdateMany(changes, predicate) == 1;
    }

    /// <inheritdoc />
    public bool MarkEnded(string id, DateTimeOffset at, string reason)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(reason);
        lock (_writeLock)
        {
            var session = Sessions.FindById(id);
            if (session is null || session.EndedAt is not null)
            {
                return false;
            }

            session.EndedAt = at;
            session.EndReason = reason;
            return Sessions.Update(session);
        }
    }

    /// <inheritdoc />
    public int DeleteEnded(DateTimeOffset before)
    {
        lock (_writeLock)
        {
            return Sessions.DeleteMany(BsonExpression.Create("$.expires_at < @0 OR ($.ended_at != null AND $.ended_at < @0)", LiteDbMapping.ToBson(before)));
        }
    }
}
