namespace McpSecurity.SecurityCore.Storage;

/// <summary>Keeps the signed retention cuts of the audit trail and removes the entries a cut covers.</summary>
public interface IAuditCutRepository
{
    /// <summary>Gets the newest cut (the highest first retained sequence), or null when nothing was ever cut.</summary>
    StoredAuditCut? GetLatest();

    /// <summary>Stores <paramref name="cut"/> and deletes every entry before its first retained sequence, in one transaction; returns how many were deleted.</summary>
    int Apply(StoredAuditCut cut);
}
