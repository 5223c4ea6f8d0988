using LiteDB;

namespace McpSecurity.SecurityCore.Storage;

/// <summary>
/// The audit trail in <c>audit_entries</c> (id = sequence number; indexes on timestamp, type, subject and target;
/// see <see cref="LiteDbStore"/> for why not outcome), <c>audit_leaves</c> and <c>audit_checkpoints</c> (id = tree size).
/// </summary>
internal sealed class LiteDbAuditRepository(LiteDbStore store) : IAuditRepository
{
    /// <summary>The largest page <see cref="GetRecent"/> returns.</summary>
    public const int MaxLimit = 1000;

    private ILiteCollection<StoredAuditEntry> Entries => store.Collection<StoredAuditEntry>(LiteDbCollections.AuditEntries);

    private ILiteCollection<StoredAuditLeafChunk> Leaves => store.Collection<StoredAuditLeafChunk>(LiteDbCollections.AuditLeaves);

    private ILiteCollection<StoredAuditCheckpoint> Checkpoints => store.Collection<StoredAuditCheckpoint>(LiteDbCollections.AuditCheckpoints);

    /// <inheritdoc />
    public void AppendBatch(IReadOnlyList<StoredAuditEntry> entries, IReadOnlyList<StoredAuditLeafChunk> leafChunks, StoredAuditCheckpoint? checkpoint)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(leafChunks);
        store.InTransaction(database =>
        {
            var entryCollection = database.GetCollection<StoredAuditEntry>(LiteDbCollections.AuditEntries);
            // Insert, never upsert: an existing sequence number makes the whole batch fail instead of overwriting history.
            entryCollection.InsertBulk(entries, Math.Max(1, entries.Count));
            var leafCollection = database.GetCollection<StoredAuditLeafChunk>(LiteDbCollections.AuditLeaves);
            foreach (var chunk in leafChunks)
            {
                leafCollection.Upsert(chunk);
            }

            if (checkpoint is not null)
            {
                database.GetCollection<StoredAuditCheckpoint>(LiteDbCollections.AuditCheckpoints).Insert(checkpoint);
            }

            return (0, true);
        });
    }

    /// <inheritdoc />
    public void AddCheckpoint(StoredAuditCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        Checkpoints.Insert(checkpoint);
    }

    /// <inheritdoc />
    public StoredAuditEntry? GetLast() => Entries.Query().OrderByDescending(x => x.Sequence).Limit(1).FirstOrDefault();

    /// <inheritdoc />
    public StoredAuditEntry? GetBySequence(long sequence) => Entries.FindById(sequence);

    /// <inheritdoc />
    public IEnumerable<StoredAuditEntry> ReadFrom(long fromSequence)
    {
        // Pages by id so that no long-lived cursor holds the database while a verification reads a million entries.
        const int Page = 1000;
        var next = fromSequence;
        while (true)
        {
            var page = Entries.Query().Where(x => x.Sequence >= next).OrderBy(x => x.Sequence).Limit(Page).ToList();
            foreach (var entry in page)
            {
                yield return entry;
            }

            if (page.Count < Page)
            {
                yield break;
            }

            next = page[^1].Sequence + 1;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredAuditEntry> GetRecent(int limit, string? type = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        if (limit == 0)
        {
            return [];
        }

        var query = Entries.Query();
        if (type is not null)
        {
            query = query.Where(x => x.Type == type);
        }

        return query.OrderByDescending(x => x.Sequence).Limit(Math.Min(limit, MaxLimit)).ToList();
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredAuditLeafChunk> GetLeafChunks() => [.. Leaves.Query().OrderBy(x => x.Index).ToEnumerable()];

    /// <inheritdoc />
    public IReadOnlyList<StoredAuditCheckpoint> GetCheckpoints() => [.. Checkpoints.Query().OrderBy(x => x.TreeSize).ToEnumerable()];
}
