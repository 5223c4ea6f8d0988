namespace McpSecurity.SecurityCore.Storage;

/// <summary>Persists client registrations.</summary>
public interface IClientRepository
{
    /// <summary>Finds a client by id.</summary>
    StoredClient? Find(string clientId);
    /// <summary>Inserts a client; returns false when the id is taken.</summary>
    bool TryInsert(StoredClient client);
    /// <summary>Lists every client.</summary>
    IReadOnlyList<StoredClient> GetAll();
    /// <summary>Sets only the roles of a client; false when the client does not exist.</summary>
    bool UpdateRoles(string clientId, string[] roles);
}
