namespace McpSecurity.SecurityCore.Storage;

/// <summary>A registered agent or service (OAuth confidential client); the secret only hashed.</summary>
public sealed class StoredClient
{
    /// <summary>Gets or sets the client id.</summary>
    public required string ClientId { get; set; }
    /// <summary>Gets or sets the display name.</summary>
    public string? DisplayName { get; set; }
    /// <summary>Gets or sets the encoded hash of the client secret.</summary>
    public required string SecretHash { get; set; }
    /// <summary>Gets or sets the scopes the client may request.</summary>
    public string[] AllowedScopes { get; set; } = [];
    /// <summary>Gets or sets the roles the client acts with.</summary>
    public string[] Roles { get; set; } = [];
    /// <summary>Gets or sets whether the client is enabled.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>Gets or sets when the client was registered.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
