using LiteDB;

namespace McpSecurity.SecurityCore.Storage;

/// <summary>LiteDB hand-off reports keyed by report id, saved only against the revision they were read at.</summary>
/// <remarks>
/// LiteDB transactions read from a snapshot, so "compare revision, then write" is made atomic by the store's hand-off
/// write lock (one per database file).
/// </remarks>
internal sealed class LiteDbHandoffReportRepository(LiteDbStore store) : IHandoffReportRepository
{
    private ILiteCollection<StoredHandoffReport> Reports => store.Collection<StoredHandoffReport>(LiteDbCollections.HandoffReports);

    /// <inheritdoc />
    public StoredHandoffReport? Find(string reportId)
    {
        ArgumentNullException.ThrowIfNull(reportId);
        return Reports.FindById(reportId);
    }

    /// <inheritdoc />
    public bool TrySave(StoredHandoffReport report, long expectedRevision)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedRevision);
        lock (store.HandoffReportWriteLock)
        {
            var reports = Reports;
            var current = reports.FindById(report.ReportId);
            if ((current?.Revision ?? 0) != expectedRevision)
            {
                return false;
            }

            report.Revision = expectedRevision + 1;
            if (current is null)
            {
                reports.Insert(report);
            }
            else
            {
                reports.Update(report);
            }

            return true;
        }
    }

    /// <inheritdoc />
    public HandoffReportSlice Query(HandoffReportCriteria criteria, int skip, int limit)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);

        var conditions = new List<BsonExpression>();
        void Equal(string field, string? value)
        {
            if (value is not null)
            {
                conditions.Add(BsonExpression.Create($"$.{field} = @0", new BsonValue(value)));
            }
        }

        Equal("agent_id", criteria.AgentId);
        Equal("pipeline_id", criteria.PipelineId);
        Equal("task_id", criteria.TaskId);
        Equal("status", criteria.Status);
        Equal("report_type", criteria.ReportType);
        if (criteria.CreatedAfter is { } after)
        {
            conditions.Add(BsonExpression.Create("$.created_at >= @0", LiteDbMapping.ToBson(after)));
        }

        if (criteria.CreatedBefore is { } before)
        {
            conditions.Add(BsonExpression.Create("$.created_at <= @0", LiteDbMapping.ToBson(before)));
        }

        if (criteria.MinQualityScore is { } minimum)
        {
            conditions.Add(BsonExpression.Create("$.quality_score >= @0", new BsonValue(minimum)));
        }

        var query = Reports.Query();
        foreach (var condition in conditions)
        {
            query = query.Where(condition);
        }

        var total = query.Count();
        if (limit == 0 || skip >= total)
        {
            return new HandoffReportSlice([], total);
        }

        // Newest first; the id breaks ties so that pages do not overlap when two reports share a creation instant. The
        // instant is stored as UTC ticks, which have the same number of digits for every date this product will see, so
        // the string key sorts like the number.
        var page = query
            .OrderByDescending(BsonExpression.Create("STRING($.created_at) + '|' + $._id"))
            .Skip(skip)
            .Limit(limit)
            .ToList();
        return new HandoffReportSlice(page, total);
    }
}
