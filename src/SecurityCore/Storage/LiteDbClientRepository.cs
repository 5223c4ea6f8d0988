using LiteDB;

namespace McpSecurity.SecurityCore.Storage;

/// <summary>LiteDB client registrations keyed by client id (case-sensitive).</summary>
internal sealed class LiteDbClientRepository(LiteDbStore store) : IClientRepository
{
    private ILiteCollection<StoredClient> Clients => store.Collection<StoredClient>(LiteDbCollections.Clients);

    /// <inheritdoc />
    public StoredClient? Find(string clientId)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        return Clients.FindById(clientId);
    }

    /// <inheritdoc />
    public bool TryInsert(StoredClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            Clients.Insert(client);
            return true;
        }
        catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredClient> GetAll() => [.. Clients.FindAll().OrderBy(c => c.ClientId, StringComparer.Ordinal)];

    /// <inheritdoc />
    public bool UpdateRoles(string clientId, string[] roles)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        ArgumentNullException.ThrowIfNull(roles);
        // UpdateMany extends the stored document with this field only (one atomic write in LiteDB).
        var changes = BsonExpression.Create("{ roles: @0 }", new BsonArray(roles.Select(r => new BsonValue(r))));
        return Clients.UpdateMany(changes, BsonExpression.Create("_id = @0", new BsonValue(clientId))) == 1;
    }
}
