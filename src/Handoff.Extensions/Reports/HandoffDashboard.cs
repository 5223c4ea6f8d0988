namespace McpSecurity.Handoff;

/// <summary>The Phase 6 dashboard: reports by status and sign-off status, awaited sign-offs, the newest reports.</summary>
public sealed record HandoffDashboard(int TotalReports, IReadOnlyDictionary<string, int> ByStatus, IReadOnlyDictionary<string, int> BySignOffStatus,
    IReadOnlyList<PendingSignOffs> AwaitingSignOff, IReadOnlyList<ReportSummary> RecentReports, DateTimeOffset GeneratedAt);
