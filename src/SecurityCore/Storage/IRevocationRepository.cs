namespace McpSecurity.SecurityCore.Storage;

/// <summary>Persists the revocation denylist so it survives a restart.</summary>
public interface IRevocationRepository
{
    /// <summary>Gets every entry (loaded into memory at start).</summary>
    IReadOnlyList<RevocationEntry> GetAll();
    /// <summary>Inserts or replaces an entry.</summary>
    void Upsert(RevocationEntry entry);
    /// <summary>Deletes entries that expired before <paramref name="now"/>; returns how many.</summary>
    int DeleteExpired(DateTimeOffset now);
}
