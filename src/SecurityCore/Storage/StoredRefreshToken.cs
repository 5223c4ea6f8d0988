namespace McpSecurity.SecurityCore.Storage;

/// <summary>A refresh token as stored: only its SHA-256 hash, never the token.</summary>
public sealed class StoredRefreshToken
{
    /// <summary>Gets or sets the lower-case hex SHA-256 of the token string (the key).</summary>
    public required string TokenHash { get; set; }
    /// <summary>Gets or sets the family id, which is also the session id (<c>sid</c>).</summary>
    public required string FamilyId { get; set; }
    /// <summary>Gets or sets the hash of the token this one replaced; null for the first of a family.</summary>
    public string? ParentHash { get; set; }
    /// <summary>Gets or sets the subject the family belongs to.</summary>
    public required string Subject { get; set; }
    /// <summary>Gets or sets the client id, when any.</summary>
    public string? ClientId { get; set; }
    /// <summary>Gets or sets the granted scopes, space separated.</summary>
    public string Scope { get; set; } = "";
    /// <summary>Gets or sets the roles at issue time.</summary>
    public string[] Roles { get; set; } = [];
    /// <summary>Gets or sets the authentication methods (<c>amr</c>).</summary>
    public string[] AuthenticationMethods { get; set; } = [];
    /// <summary>Gets or sets when the user authenticated (<c>auth_time</c>).</summary>
    public DateTimeOffset AuthTime { get; set; }
    /// <summary>Gets or sets when this token was issued.</summary>
    public DateTimeOffset IssuedAt { get; set; }
    /// <summary>Gets or sets when this token expires.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
    /// <summary>Gets or sets the absolute end of the session; no refresh goes past it.</summary>
    public DateTimeOffset SessionExpiresAt { get; set; }
    /// <summary>Gets or sets when this token was redeemed; null while unused.</summary>
    public DateTimeOffset? RedeemedAt { get; set; }
    /// <summary>Gets or sets when this token (or its family) was revoked; null while valid.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}
