using System.Text.Json.Nodes;
using McpSecurity.Handoff;
using McpSecurity.SecurityCore.Events;
using McpSecurity.Tests.Handoff.Infrastructure;

namespace McpSecurity.Tests.Handoff.Workflow;

public sealed class HandoffWorkflowImportTests : IAsyncDisposable
{
    private readonly WorkflowContext _context = new();

    public ValueTask DisposeAsync() => _context.DisposeAsync();

    public static TheoryData<string> Phase6Names => Fixtures.Phase6Names();

    [Theory]
    [MemberData(nameof(Phase6Names))]
    public async Task ImportAsync_Phase6File_BecomesTheCallersDraftWithTheWorkAndUnknownFieldsKept(string name)
    {
        var text = Fixtures.Read($"phase6/{name}");
        var source = HandoffJson.ReadEnhancedReport(text).GetValueOrThrow();

        var entry = await _context.Workflow.ImportAsync(WorkflowContext.Agent, source);
        var report = entry.Report;

        Assert.NotEqual(source.ReportId, report.ReportId);
        Assert.Matches("^handoff_[0-9a-f]{32}$", report.ReportId);
        Assert.Equal(("agent-1", HandoffReportStatus.Draft), (report.AgentId, report.Status));
        Assert.Empty(report.SignOffsReceived);
        Assert.Null(report.SubmittedAt);
        Assert.Equal(report.SignOffsRequired.Count == 0 ? SignOffStatus.NotRequired : SignOffStatus.Pending, report.SignOffStatus);
        Assert.Equal(source.ReportId, report.ExtensionData!["source_report_id"].GetString());

        // Everything the agent wrote survives: compare the original with the stored report, minus what import resets.
        var original = JsonNode.Parse(text)!.AsObject();
        var written = JsonNode.Parse(HandoffJson.Serialize((await _context.Workflow.GetAsync(report.ReportId)).Report))!.AsObject();
        foreach (var reset in (string[])["report_id", "agent_id", "status", "sign_offs_received", "sign_off_status", "review_feedback", "amendments_required",
            "created_at", "updated_at", "submitted_at", "reviewed_at", "approved_at"])
        {
            original.Remove(reset);
            written.Remove(reset);
        }

        written.Remove("source_report_id");
        JsonSemantics.AssertEquivalent(original, written);

        var created = _context.Events.Events[^1];
        Assert.Equal((SecurityEventTypes.HandoffReportCreated, "import", source.ReportId), (created.Type, created.Details["source"], created.Details["source_report_id"]));
    }

    [Fact]
    public async Task ImportAsync_EnhancedReport_DropsWhatOnlyThisServerMayVouchFor()
    {
        var source = HandoffJson.ReadEnhancedReport(Fixtures.Read("phase7/enhanced-under-review.json")).GetValueOrThrow();

        var report = (await _context.Workflow.ImportAsync(WorkflowContext.Agent, source)).Report;

        Assert.Equal(8, report.Phase7Components.Count);
        Assert.All(report.Phase7Components, c =>
        {
            Assert.Empty(c.SignedOffBy);
            Assert.Equal(report.ReportId, c.ReportId);
            Assert.DoesNotContain(c.Status, new[] { Phase7ComponentStatus.SignedOff, Phase7ComponentStatus.UnderReview });
        });
        Assert.True(report.Phase7Components[2].ExtensionData!.ContainsKey("x_vendor_note"));
        Assert.Equal(0, report.SecurityMetrics.TotalSecurityEvents);
        Assert.Equal(AuthenticationState.Unauthenticated, report.AuthenticationStatus.State);
        Assert.Equal(ComplianceOverallStatus.Unknown, report.ComplianceValidation.Overall);
        Assert.Equal("2", _context.Events.Events[^1].Details["dropped_sign_offs"]);
    }
}
