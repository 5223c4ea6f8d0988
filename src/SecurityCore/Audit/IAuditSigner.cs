namespace McpSecurity.SecurityCore.Audit;

/// <summary>
/// Signs and verifies records (audit checkpoints, hand-off sign-offs, ...) with the dedicated audit key, ES256; never
/// the JWT signing key. Sign the RFC 8785 canonical bytes (<see cref="JsonCanonicalizer"/>) of the record.
/// </summary>
/// <remarks>
/// The key is created on first use and stored encrypted with the master key; audit keys are never deleted, so every
/// signature ever made keeps verifying.
/// </remarks>
public interface IAuditSigner
{
    /// <summary>Gets the algorithm new signatures use (<c>ES256</c>).</summary>
    string Algorithm { get; }

    /// <summary>Gets the id of the key new signatures use.</summary>
    string CurrentKeyId { get; }

    /// <summary>Signs <paramref name="data"/> with the current audit key.</summary>
    AuditSignature Sign(ReadOnlySpan<byte> data);

    /// <summary>
    /// Checks <paramref name="signature"/> over <paramref name="data"/>; false when it does not verify, names an unknown key
    /// or another algorithm, or is not base64url.
    /// </summary>
    bool Verify(ReadOnlySpan<byte> data, AuditSignature signature);

    /// <summary>Gets the public keys of every audit key, oldest first.</summary>
    IReadOnlyList<AuditPublicKey> GetPublicKeys();
}
