namespace McpSecurity.SecurityCore.Storage;

/// <summary>One persisted denylist entry.</summary>
public sealed class RevocationEntry
{
    /// <summary>Gets or sets the entry id: <c>{Kind}:{Value}</c>.</summary>
    public string Id { get => $"{Kind}:{Value}"; set { } }
    /// <summary>Gets or sets what is revoked.</summary>
    public required RevocationKind Kind { get; set; }
    /// <summary>Gets or sets the revoked value: a jti, a session id, a subject or a key id.</summary>
    public required string Value { get; set; }
    /// <summary>Gets or sets when the revocation was made; for subjects, tokens issued before it are refused.</summary>
    public DateTimeOffset RevokedAt { get; set; }
    /// <summary>Gets or sets when the entry may be forgotten (every token it could refuse has expired).</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}
