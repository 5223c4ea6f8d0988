using LiteDB;

namespace McpSecurity.SecurityCore.Storage;

/// <summary>LiteDB revocation denylist, keyed by <c>{Kind}:{Value}</c>.</summary>
internal sealed class LiteDbRevocationRepository(LiteDbStore store) : IRevocationRepository
{
    private ILiteCollection<RevocationEntry> Entries => store.Collection<RevocationEntry>(LiteDbCollections.Revocations);

    /// <inheritdoc />
    public IReadOnlyList<RevocationEntry> GetAll() => [.. Entries.FindAll()];

    /// <inheritdoc />
    public void Upsert(RevocationEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Entries.Upsert(entry);
    }

    /// <inheritdoc />
    public int DeleteExpired(DateTimeOffset now) =>
        Entries.DeleteMany(BsonExpression.Create("$.expires_at < @0", LiteDbMapping.ToBson(now)));
}
