using McpSecurity.Handoff;
using McpSecurity.SecurityCore;
using McpSecurity.Tests.Handoff.Infrastructure;

namespace McpSecurity.Tests.Handoff.Workflow;

public sealed class HandoffWorkflowListTests : IAsyncDisposable
{
    private readonly WorkflowContext _context = new();

    public ValueTask DisposeAsync() => _context.DisposeAsync();

    private IHandoffWorkflow Workflow => _context.Workflow;

    private async Task<List<string>> CreateManyAsync(int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var request = WorkflowContext.NewReport($"task-{i}");
            request.QualityScore = i / 10.0;
            ids.Add((await Workflow.CreateAsync(i % 2 == 0 ? WorkflowContext.Agent : WorkflowContext.OtherAgent, request)).Report.ReportId);
            _context.Time.Advance(TimeSpan.FromMinutes(1));
        }

        return ids;
    }

    [Fact]
    public async Task ListAsync_Paging_AnswersThePhase6PageShapeNewestFirst()
    {
        var ids = await CreateManyAsync(5);

        var first = await Workflow.ListAsync(new HandoffReportQuery { PageSize = 2 });
        var last = await Workflow.ListAsync(new HandoffReportQuery { Page = 3, PageSize = 2 });

        Assert.Equal((5, 1, 2, true, false), (first.TotalCount, first.Page, first.PageSize, first.HasNext, first.HasPrevious));
        Assert.Equal([ids[4], ids[3]], first.Reports.Select(r => r.ReportId));
        Assert.Equal((false, true), (last.HasNext, last.HasPrevious));
        Assert.Equal([ids[0]], last.Reports.Select(r => r.ReportId));
        var json = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(first, HandoffJsonContext.Default.HandoffReportPage))!.AsObject();
        Assert.Equal(["reports", "total_count", "page", "page_size", "has_next", "has_previous"], json.Select(p => p.Key));
    }

    [Fact]
    public async Task ListAsync_Filters_CombineAndMatch()
    {
        var ids = await CreateManyAsync(6);
        var start = new DateTimeOffset(2025, 10, 1, 9, 0, 0, TimeSpan.Zero);

        Assert.Equal([ids[4], ids[2], ids[0]], (await Workflow.ListAsync(new HandoffReportQuery { AgentId = "agent-1" })).Reports.Select(r => r.ReportId));
        Assert.Equal([ids[3]], (await Workflow.ListAsync(new HandoffReportQuery { TaskId = "task-3" })).Reports.Select(r => r.ReportId));
        Assert.Equal([ids[5], ids[4]], (await Workflow.ListAsync(new HandoffReportQuery { MinQualityScore = 0.4 })).Reports.Select(r => r.ReportId));
        Assert.Equal([ids[2], ids[1]], (await Workflow.ListAsync(new HandoffReportQuery { CreatedAfter = start.AddMinutes(1), CreatedBefore = start.AddMinutes(2).AddSeconds(1) })).Reports.Select(r => r.ReportId));
        Assert.Equal([ids[4]], (await Workflow.ListAsync(new HandoffReportQuery { AgentId = "agent-1", MinQualityScore = 0.3 })).Reports.Select(r => r.ReportId));
        Assert.Equal(6, (await Workflow.ListAsync(new HandoffReportQuery { Status = HandoffReportStatus.Draft, ReportType = "phase6_completion" })).TotalCount);
        Assert.Equal(0, (await Workflow.ListAsync(new HandoffReportQuery { Status = HandoffReportStatus.Submitted })).TotalCount);
    }

    [Fact]
    public async Task ListAsync_SignOffStatusFilter_IsComputedAtQueryTime()
    {
        var ids = await CreateManyAsync(3);
        var now = _context.Time.GetUtcNow();
        StoredReports.Change(_context.Repository, ids[1], r => r.SignOffsReceived.Add(StoredReports.SignOff(SignOffRole.Developer, SignOffDecision.Rejected, now, now.AddDays(1))));

        var rejected = await Workflow.ListAsync(new HandoffReportQuery { SignOffStatus = SignOffStatus.Rejected });
        Assert.Equal([ids[1]], rejected.Reports.Select(r => r.ReportId));
        Assert.Equal(SignOffStatus.Rejected, rejected.Reports[0].SignOffStatus);

        _context.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, (await Workflow.ListAsync(new HandoffReportQuery { SignOffStatus = SignOffStatus.Rejected })).TotalCount);
        Assert.Equal(3, (await Workflow.ListAsync(new HandoffReportQuery { SignOffStatus = SignOffStatus.Pending })).TotalCount);
    }

    [Fact]
    public async Task ListAsync_BadPaging_IsRefusedPerField()
    {
        var ex = await Assert.ThrowsAsync<SecurityException>(() => Workflow.ListAsync(new HandoffReportQuery { Page = 0, PageSize = 101, MinQualityScore = 3 }));

        var errors = (IReadOnlyList<HandoffValidationError>)ex.Details![HandoffValidation.ErrorsDetailKey]!;
        Assert.Equal(["min_quality_score", "page", "page_size"], errors.Select(e => e.Field).Order());
    }

    [Fact]
    public void Parse_Phase6QueryStrings_ReadsEveryFilter()
    {
        var query = HandoffReportQuery.Parse(new Dictionary<string, string?>
        {
            ["agent_id"] = "agent-1", ["pipeline_id"] = "p", ["task_id"] = "t", ["status"] = "under_review", ["report_type"] = "phase6_completion",
            ["created_after"] = "2025-09-30T12:00:00", ["created_before"] = "2025-10-01T00:00:00+02:00", ["min_quality_score"] = "0.5",
            ["sign_off_status"] = "partially_approved", ["page"] = "2", ["page_size"] = "50", ["ignored_when_empty"] = "",
        }).GetValueOrThrow();

        Assert.Equal(new HandoffReportQuery
        {
            AgentId = "agent-1", PipelineId = "p", TaskId = "t", Status = HandoffReportStatus.UnderReview, ReportType = "phase6_completion",
            CreatedAfter = new DateTimeOffset(2025, 9, 30, 12, 0, 0, TimeSpan.Zero), CreatedBefore = new DateTimeOffset(2025, 9, 30, 22, 0, 0, TimeSpan.Zero),
            MinQualityScore = 0.5, SignOffStatus = SignOffStatus.PartiallyApproved, Page = 2, PageSize = 50,
        }, query);
    }

    [Fact]
    public void Parse_BadValues_GivesOneErrorEach()
    {
        var result = HandoffReportQuery.Parse(new Dictionary<string, string?>
        {
            ["status"] = "done", ["created_after"] = "yesterday", ["min_quality_score"] = "high", ["page"] = "-1", ["sort"] = "asc",
        });

        Assert.False(result.IsValid);
        Assert.Equal(
            new[]
            {
                ("created_after", HandoffValidationCodes.InvalidTimestamp), ("min_quality_score", HandoffValidationCodes.InvalidType),
                ("page", HandoffValidationCodes.InvalidType), ("sort", HandoffValidationCodes.NotAllowed), ("status", HandoffValidationCodes.InvalidValue),
            },
            result.Errors.Select(e => (e.Field, e.Code)).Order());
    }
}
