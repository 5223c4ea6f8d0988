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
}
