namespace McpSecurity.Handoff;

/// <summary>Totals and averages over every report.</summary>
public sealed record HandoffStatistics(int TotalReports, IReadOnlyDictionary<string, int> ByStatus, double? AverageQualityScore, double AverageProgress,
    int SignOffsReceived, int ActiveSignOffs, int TwoFactorSignOffs, double? ApprovalRate, DateTimeOffset GeneratedAt);
