namespace McpSecurity.SecurityCore.Storage;

/// <summary>A signing key as the store keeps it: private material only encrypted.</summary>
public sealed class StoredSigningKey
{
    /// <summary>Gets or sets the key id (<c>kid</c>).</summary>
    public required string KeyId { get; set; }
    /// <summary>Gets or sets the JWS algorithm (ES256, RS256, PS256, HS256).</summary>
    public required string Algorithm { get; set; }
    /// <summary>Gets or sets the private key (PKCS#8, or the raw HMAC key) encrypted with the master key.</summary>
    public required byte[] EncryptedKeyMaterial { get; set; }
    /// <summary>Gets or sets when the key was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Gets or sets when the key stopped signing; null while active.</summary>
    public DateTimeOffset? RetiredAt { get; set; }
    /// <summary>Gets or sets until when the key still verifies (the last token it signed expires then).</summary>
    public DateTimeOffset? VerifyUntil { get; set; }
    /// <summary>Gets or sets whether tokens signed by this key were revoked as a whole.</summary>
    public bool Revoked { get; set; }
}
