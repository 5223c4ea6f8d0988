using McpSecurity.SecurityCore.Authorization;

namespace McpSecurity.SecurityCore.Audit;

/// <summary>Makes inclusion and consistency proofs a third party can check with <see cref="AuditProofChecker"/>; each request is audited.</summary>
public interface IAuditProofService
{
    /// <summary>
    /// Proves entry <paramref name="sequence"/> against the tree of <paramref name="treeSize"/> entries; without a size, against
    /// the newest signed checkpoint when it covers the entry, else the current tree.
    /// </summary>
    /// <exception cref="SecurityException"><c>AUDIT_ENTRY_NOT_FOUND</c> or <c>AUDIT_PROOF_UNAVAILABLE</c>.</exception>
    Task<AuditInclusionProof> GetInclusionProofAsync(long sequence, long? treeSize, ActingPrincipal reader, CancellationToken cancellationToken = default);

    /// <summary>Proves that the tree of <paramref name="firstSize"/> entries is a prefix of <paramref name="secondSize"/> (default: the newest checkpoint).</summary>
    /// <exception cref="SecurityException"><c>AUDIT_PROOF_UNAVAILABLE</c> for sizes out of order or beyond the trail.</exception>
    Task<AuditConsistencyProof> GetConsistencyProofAsync(long firstSize, long? secondSize, ActingPrincipal reader, CancellationToken cancellationToken = default);
}
