namespace McpSecurity.SecurityCore.Audit;

/// <summary>Recomputes the audit trail's hash chain and Merkle tree and checks every checkpoint and anchor.</summary>
public interface IAuditVerifier
{
    /// <summary>Verifies the whole trail; never throws for a tampered trail, it reports it.</summary>
    Task<AuditVerificationResult> VerifyAsync(AuditVerificationRequest? request = null, CancellationToken cancellationToken = default);
}
