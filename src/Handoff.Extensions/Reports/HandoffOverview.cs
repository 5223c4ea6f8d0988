namespace McpSecurity.Handoff;

/// <summary>The figures of the Phase 6 <c>/dashboard</c>, <c>/components/status</c> and <c>/statistics</c> routes, computed from reports.</summary>
public static class HandoffOverview
{
    /// <summary>Reads every report through the workflow (page by page).</summary>
    public static async Task<IReadOnlyList<EnhancedAgentHandoffReport>> AllAsync(IHandoffWorkflow workflow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var all = new List<EnhancedAgentHandoffReport>();
        for (var page = 1; ; page++)
        {
            var slice = await workflow.ListAsync(new HandoffReportQuery { Page = page, PageSize = HandoffReportQuery.MaxPageSize }, cancellationToken).ConfigureAwait(false);
            all.AddRange(slice.Reports);
            if (!slice.HasNext)
            {
                return all;
            }
        }
    }

    /// <summary>Counts reports by status and sign-off status, the sign-offs still awaited, and lists the newest.</summary>
    public static HandoffDashboard Dashboard(IReadOnlyList<EnhancedAgentHandoffReport> reports, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reports);
        return new HandoffDashboard(
            reports.Count,
            Count(reports.Select(r => HandoffEnumNames.Of(r.Status)), HandoffEnumNames.Of(typeof(HandoffReportStatus))),
            Count(reports.Select(r => HandoffEnumNames.Of(r.SignOffStatus)), HandoffEnumNames.Of(typeof(SignOffStatus))),
            reports.Where(r => r.Status is HandoffReportStatus.Submitted or HandoffReportStatus.UnderReview)
                .Select(r => new PendingSignOffs(r.ReportId, HandoffEnumNames.Of(r.Status), [.. HandoffRules.MissingApprovals(r.SignOffsRequired, r.SignOffsReceived, now).Select(HandoffEnumNames.Of)]))
                .Where(p => p.MissingRoles.Count > 0)
                .ToList(),
            [.. reports.OrderByDescending(r => r.UpdatedAt).Take(10).Select(r => new ReportSummary(r.ReportId, r.AgentId, r.PipelineId, r.TaskId,
                HandoffEnumNames.Of(r.Status), HandoffEnumNames.Of(r.SignOffStatus), r.OverallPhase6Progress, r.UpdatedAt))],
            now);
    }

    /// <summary>Counts the Phase 6 and Phase 7 components of every report by type and status.</summary>
    public static HandoffComponentsStatus Components(IReadOnlyList<EnhancedAgentHandoffReport> reports, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var phase6 = HandoffEnumNames.Of(typeof(ComponentType)).ToDictionary(t => t, t =>
            Count(reports.SelectMany(r => r.Phase6Components).Where(c => HandoffEnumNames.Of(c.ComponentType) == t).Select(c => HandoffEnumNames.Of(c.Status)), HandoffEnumNames.Of(typeof(Phase6ComponentStatus))), StringComparer.Ordinal);
        var phase7 = Enum.GetValues<Phase7ComponentType>().ToDictionary(HandoffEnumNames.Of, t => new Phase7ComponentSummary(
            [.. HandoffRules.RequiredRoles(t).Select(HandoffEnumNames.Of)],
            Count(reports.SelectMany(r => r.Phase7Components).Where(c => c.ComponentType == t).Select(c => HandoffEnumNames.Of(c.Status)), HandoffEnumNames.Of(typeof(Phase7ComponentStatus)))), StringComparer.Ordinal);
        return new HandoffComponentsStatus(phase6, phase7, now);
    }

    /// <summary>Totals and averages over every report.</summary>
    public static HandoffStatistics Statistics(IReadOnlyList<EnhancedAgentHandoffReport> reports, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var signOffs = reports.SelectMany(r => r.SignOffsReceived).ToList();
        var quality = reports.Where(r => r.QualityScore is not null).Select(r => r.QualityScore!.Value).ToList();
        var decided = reports.Count(r => HandoffStatusTransitions.IsFinal(r.Status));
        return new HandoffStatistics(
            reports.Count,
            Count(reports.Select(r => HandoffEnumNames.Of(r.Status)), HandoffEnumNames.Of(typeof(HandoffReportStatus))),
            quality.Count == 0 ? null : quality.Average(),
            reports.Count == 0 ? 0 : reports.Average(r => r.OverallPhase6Progress),
            signOffs.Count,
            signOffs.Count(s => HandoffRules.IsActive(s, now)),
            signOffs.Count(s => s.TwoFactorAuthenticated),
            decided == 0 ? null : (double)reports.Count(r => r.Status == HandoffReportStatus.Approved) / decided,
            now);
    }

    private static Dictionary<string, int> Count(IEnumerable<string> values, IReadOnlyList<string> names)
    {
        var counts = names.ToDictionary(n => n, _ => 0, StringComparer.Ordinal);
        foreach (var value in values)
        {
            counts[value] = counts.GetValueOrDefault(value) + 1;
        }

        return counts;
    }
}
