using McpSecurity.SecurityCore.Storage;

namespace McpSecurity.SecurityCore.Tokens;

/// <summary>One key of the ring with its life-cycle state; immutable, replaced on every change.</summary>
internal sealed record SigningKeyEntry(
    SigningKeyMaterial Material,
    byte[] EncryptedKeyMaterial,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RetiredAt,
    DateTimeOffset? VerifyUntil,
    bool Revoked)
{
    /// <summary>Gets the <c>kid</c>.</summary>
    public string KeyId => Material.KeyId;

    /// <summary>Gets <c>active</c>, <c>retired</c> or <c>revoked</c>.</summary>
    public string Status => Revoked ? "revoked" : RetiredAt is null ? "active" : "retired";

    /// <summary>Gets whether the key still verifies at <paramref name="now"/>.</summary>
    public bool VerifiesAt(DateTimeOffset now) => !Revoked && (VerifyUntil is not { } until || now <= until);

    /// <summary>Gets the public facts.</summary>
    public SigningKeyInfo ToInfo() => new(KeyId, Material.Algorithm, Status, CreatedAt, RetiredAt, VerifyUntil);

    /// <summary>Gets the stored form.</summary>
    public StoredSigningKey ToStored() => new()
    {
        KeyId = KeyId,
        Algorithm = Material.Algorithm,
        EncryptedKeyMaterial = EncryptedKeyMaterial,
        CreatedAt = CreatedAt,
        RetiredAt = RetiredAt,
        VerifyUntil = VerifyUntil,
        Revoked = Revoked,
    };
}
