using McpSecurity.SecurityCore.Storage;

namespace McpSecurity.Tests.SecurityCore.Storage;

public sealed class LiteDbHandoffReportRepositoryTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2025, 9, 30, 12, 0, 0, TimeSpan.Zero);
    private readonly StoreContext _context = new();

    public void Dispose() => _context.Dispose();

    private LiteDbHandoffReportRepository Repository => new(_context.Store);

    private static StoredHandoffReport Report(string id, DateTimeOffset createdAt, string agent = "agent-1", string status = "draft", double? quality = null) => new()
    {
        ReportId = id,
        Document = $"{{\"report_id\":\"{id}\",\"x_unknown\":[1,2.50,\"  spaced  \"]}}",
        AgentId = agent,
        PipelineId = "pipe",
        TaskId = "task-" + id,
        Status = status,
        ReportType = "phase6_completion",
        SignOffStatus = "pending",
        QualityScore = quality,
        CreatedAt = createdAt,
        UpdatedAt = createdAt,
    };

    [Fact]
    public void TrySave_New_InsertsAtRevisionOneAndKeepsTheDocumentExactly()
    {
        var report = Report("handoff_a", T0.AddTicks(1234567));

        Assert.True(Repository.TrySave(report, 0));
        _context.Reopen();
        var found = Repository.Find("handoff_a")!;

        Assert.Equal(1, found.Revision);
        Assert.Equal(report.Document, found.Document);
        Assert.Equal(T0.AddTicks(1234567), found.CreatedAt);
    }

    [Fact]
    public void TrySave_StaleRevision_IsRefusedAndSavesNothing()
    {
        var repository = Repository;
        Assert.True(repository.TrySave(Report("handoff_a", T0), 0));
        var first = Report("handoff_a", T0, status: "submitted");
        Assert.True(repository.TrySave(first, 1));
        Assert.Equal(2, first.Revision);

        var stale = Report("handoff_a", T0, status: "rejected");
        Assert.False(repository.TrySave(stale, 1));
        Assert.False(repository.TrySave(Report("handoff_a", T0), 0));

        Assert.Equal("submitted", repository.Find("handoff_a")!.Status);
        Assert.Equal(2, repository.Find("handoff_a")!.Revision);
    }

    [Fact]
    public void TrySave_ConcurrentWritersAtTheSameRevision_ExactlyOneWins()
    {
        var repository = Repository;
        Assert.True(repository.TrySave(Report("handoff_a", T0), 0));

        var wins = 0;
        Parallel.For(0, 16, i =>
        {
            if (repository.TrySave(Report("handoff_a", T0, status: $"s{i}"), 1))
            {
                Interlocked.Increment(ref wins);
            }
        });

        Assert.Equal(1, wins);
        Assert.Equal(2, repository.Find("handoff_a")!.Revision);
    }

    [Fact]
    public void Query_Filters_MatchExactlyAndCountAll()
    {
        var repository = Repository;
        repository.TrySave(Report("handoff_1", T0, agent: "a", quality: 0.9), 0);
        repository.TrySave(Report("handoff_2", T0.AddMinutes(1), agent: "b", status: "submitted", quality: 0.5), 0);
        repository.TrySave(Report("handoff_3", T0.AddMinutes(2), agent: "a", status: "submitted"), 0);

        Assert.Equal(["handoff_3", "handoff_1"], repository.Query(new HandoffReportCriteria { AgentId = "a" }, 0, 10).Reports.Select(r => r.ReportId));
        Assert.Equal(["handoff_3", "handoff_2"], repository.Query(new HandoffReportCriteria { Status = "submitted" }, 0, 10).Reports.Select(r => r.ReportId));
        Assert.Equal(["handoff_1"], repository.Query(new HandoffReportCriteria { MinQualityScore = 0.6 }, 0, 10).Reports.Select(r => r.ReportId));
        Assert.Equal(["handoff_2", "handoff_1"], repository.Query(new HandoffReportCriteria { CreatedBefore = T0.AddMinutes(1) }, 0, 10).Reports.Select(r => r.ReportId));
        Assert.Equal(["handoff_3", "handoff_2"], repository.Query(new HandoffReportCriteria { CreatedAfter = T0.AddMinutes(1) }, 0, 10).Reports.Select(r => r.ReportId));
        Assert.Empty(repository.Query(new HandoffReportCriteria { AgentId = "A" }, 0, 10).Reports);
        Assert.Equal(3, repository.Query(new HandoffReportCriteria(), 0, 10).TotalCount);
    }

    [Fact]
    public void Query_Pages_AreNewestFirstWithoutOverlapEvenWhenCreationTimesTie()
    {
        var repository = Repository;
        for (var i = 0; i < 7; i++)
        {
            repository.TrySave(Report($"handoff_{i}", i < 4 ? T0 : T0.AddSeconds(1)), 0);
        }

        var pages = Enumerable.Range(0, 3).Select(p => repository.Query(new HandoffReportCriteria(), p * 3, 3)).ToList();

        Assert.All(pages, p => Assert.Equal(7, p.TotalCount));
        var ids = pages.SelectMany(p => p.Reports).Select(r => r.ReportId).ToList();
        Assert.Equal(7, ids.Distinct().Count());
        Assert.Equal([3, 3, 1], pages.Select(p => p.Reports.Count));
        Assert.All(ids.Take(3), id => Assert.Contains(id, new[] { "handoff_4", "handoff_5", "handoff_6" }));
    }
}
