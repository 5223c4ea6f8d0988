using McpSecurity.SecurityCore.Authorization;

namespace McpSecurity.SecurityCore.Audit;

/// <summary>Searches the audit trail, cursor-paginated and newest first; every search is itself audited (<c>audit_read</c>).</summary>
public interface IAuditQueryService
{
    /// <summary>Gets one page of entries matching <paramref name="query"/> and records who read with which filter.</summary>
    /// <exception cref="SecurityException"><c>VALIDATION_FAILED</c> for a bad filter, <c>AUDIT_CURSOR_INVALID</c> for a foreign or malformed cursor.</exception>
    Task<AuditQueryPage> QueryAsync(AuditQuery query, ActingPrincipal reader, CancellationToken cancellationToken = default);
}
