namespace McpSecurity.SecurityCore.Storage;

/// <summary>An audit signing key as the store keeps it: the private key only encrypted with the master key.</summary>
public sealed class StoredAuditKey
{
    /// <summary>Gets or sets the key id (<c>kid</c>).</summary>
    public required string KeyId { get; set; }
    /// <summary>Gets or sets the JWS algorithm (ES256).</summary>
    public required string Algorithm { get; set; }
    /// <summary>Gets or sets the private key (PKCS#8) encrypted with the master key.</summary>
    public required byte[] EncryptedKeyMaterial { get; set; }
    /// <summary>Gets or sets the public key (SubjectPublicKeyInfo, DER), readable without the master key.</summary>
    public required byte[] PublicKey { get; set; }
    /// <summary>Gets or sets when the key was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
