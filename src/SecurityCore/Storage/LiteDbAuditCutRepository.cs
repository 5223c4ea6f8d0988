using LiteDB;

namespace McpSecurity.SecurityCore.Storage;

/// <summary>Retention cuts in <c>audit_cuts</c>; the Merkle leaf hashes of removed entries stay in <c>audit_leaves</c> (hashes only, no content).</summary>
internal sealed class LiteDbAuditCutRepository(LiteDbStore store) : IAuditCutRepository
{
    /// <summary>The collection name.</summary>
    public const string Collection = "audit_cuts";

    /// <inheritdoc />
    public StoredAuditCut? GetLatest() =>
        store.Collection<StoredAuditCut>(Collection).Query().OrderByDescending(x => x.FirstRetainedSequence).Limit(1).FirstOrDefault();

    /// <inheritdoc />
    public int Apply(StoredAuditCut cut)
    {
        ArgumentNullException.ThrowIfNull(cut);
        return store.InTransaction(database =>
        {
            database.GetCollection<StoredAuditCut>(Collection).Insert(cut);
            var deleted = database.GetCollection<StoredAuditEntry>(LiteDbCollections.AuditEntries)
                .DeleteMany(Query.LT("_id", new BsonValue(cut.FirstRetainedSequence)));
            return (deleted, true);
        });
    }
}
