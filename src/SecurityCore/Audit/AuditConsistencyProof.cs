namespace McpSecurity.SecurityCore.Audit;

/// <summary>Proof (RFC 9162 section 2.1.4) that the tree of <see cref="FirstSize"/> entries is a prefix of the tree of <see cref="SecondSize"/>.</summary>
public sealed record AuditConsistencyProof
{
    /// <summary>Gets the older tree size.</summary>
    public required long FirstSize { get; init; }
    /// <summary>Gets the older root (hex).</summary>
    public required string FirstRoot { get; init; }
    /// <summary>Gets the newer tree size.</summary>
    public required long SecondSize { get; init; }
    /// <summary>Gets the newer root (hex).</summary>
    public required string SecondRoot { get; init; }
    /// <summary>Gets the proof hashes (hex).</summary>
    public required IReadOnlyList<string> Proof { get; init; }
    /// <summary>Gets the signed checkpoint of the older size, when one exists.</summary>
    public AuditCheckpoint? FirstCheckpoint { get; init; }
    /// <summary>Gets the signed checkpoint of the newer size, when one exists.</summary>
    public AuditCheckpoint? SecondCheckpoint { get; init; }
    /// <summary>Gets the audit public keys.</summary>
    public required IReadOnlyList<AuditPublicKey> PublicKeys { get; init; }
}
