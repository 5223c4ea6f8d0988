using McpSecurity.SecurityCore.Authorization;

namespace McpSecurity.SecurityCore.Audit;

/// <summary>Removes audit entries older than <see cref="AuditRetentionOptions.Period"/> behind a signed cut record.</summary>
public interface IAuditRetentionService
{
    /// <summary>Cuts now; the newest entry is always kept, and the cut is itself an audit event (<c>audit_retention_cut</c>).</summary>
    Task<AuditRetentionResult> CutAsync(ActingPrincipal actor, CancellationToken cancellationToken = default);
}
