using McpSecurity.Handoff;
using McpSecurity.SecurityCore.Storage;

namespace McpSecurity.Tests.Handoff.Infrastructure;

/// <summary>Writes reports into the store directly, as another writer (or a Phase 6 import, or the sign-off step) would.</summary>
internal static class StoredReports
{
    public static StoredHandoffReport ToStored(EnhancedAgentHandoffReport report) => new()
    {
        ReportId = report.ReportId,
        Document = HandoffJson.Serialize(report),
        AgentId = report.AgentId,
        PipelineId = report.PipelineId,
        TaskId = report.TaskId,
        Status = HandoffEnumNames.Of(report.Status),
        ReportType = report.ReportType,
        SignOffStatus = HandoffEnumNames.Of(report.SignOffStatus),
        QualityScore = report.QualityScore,
        CreatedAt = report.CreatedAt,
        UpdatedAt = report.UpdatedAt,
    };

    /// <summary>Loads, changes and saves a report behind the workflow's back; returns the new revision.</summary>
    public static long Change(IHandoffReportRepository repository, string reportId, Action<EnhancedAgentHandoffReport> change)
    {
        var stored = repository.Find(reportId)!;
        var report = HandoffJson.ReadEnhancedReport(stored.Document).GetValueOrThrow();
        change(report);
        var updated = ToStored(report);
        Assert.True(repository.TrySave(updated, stored.Revision));
        return updated.Revision;
    }

    public static EnhancedSignOffRecord SignOff(SignOffRole role, SignOffDecision decision, DateTimeOffset signedAt, DateTimeOffset? expiresAt) => new()
    {
        SignOffId = "signoff_" + Guid.NewGuid().ToString("N"),
        Role = role,
        SignedBy = "user-" + HandoffEnumNames.Of(role),
        SignedAt = signedAt,
        Status = decision,
        ExpiresAt = expiresAt,
        TwoFactorAuthenticated = true,
    };
}
