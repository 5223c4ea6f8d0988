namespace McpSecurity.SecurityCore.Storage;

/// <summary>A single-use recovery code as stored: only SHA-256 over a per-code salt and the normalised code.</summary>
public sealed class StoredRecoveryCode
{
    /// <summary>Gets or sets SHA-256(salt || code).</summary>
    public required byte[] Hash { get; set; }

    /// <summary>Gets or sets the random per-code salt.</summary>
    public required byte[] Salt { get; set; }

    /// <summary>Gets or sets when the code was used; null while unused.</summary>
    public DateTimeOffset? UsedAt { get; set; }
}
