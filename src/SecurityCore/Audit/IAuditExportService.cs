using McpSecurity.SecurityCore.Authorization;

namespace McpSecurity.SecurityCore.Audit;

/// <summary>Exports the audit trail as JSON Lines with a proof bundle (see <see cref="AuditExportFormat"/>); each export is audited.</summary>
public interface IAuditExportService
{
    /// <summary>Signs a checkpoint covering the trail, then writes the entries of the range and the bundle line to <paramref name="output"/>.</summary>
    Task<AuditExportSummary> ExportAsync(Stream output, AuditExportRequest request, ActingPrincipal exporter, CancellationToken cancellationToken = default);
}
