using System.Security.Cryptography;
using System.Text.Json;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpSecurity.Handoff;

/// <summary>
/// The hand-off workflow. Every write goes through <c>MutateAsync</c>: load, check, change, save against the
/// revision read, publish the outcome; an operation (such as sign-off) is one more caller of it in another partial file.
/// </summary>
internal sealed partial class HandoffWorkflowService(
    IHandoffReportRepository repository,
    ISecurityEventSink events,
    TimeProvider time,
    IOptions<HandoffWorkflowOptions> options,
    ILogger<HandoffWorkflowService> logger) : IHandoffWorkflow
{
    /// <summary>The greatest length of an id (pipeline, task) accepted from a caller.</summary>
    internal const int MaxIdLength = 200;

    private HandoffWorkflowOptions Options => options.Value;

    /// <summary>Gets the current instant as written timestamps keep it.</summary>
    internal DateTimeOffset Now() => HandoffTimestampConverter.Normalize(time.GetUtcNow());

    /// <inheritdoc />
    public Task<HandoffReportEntry> GetAsync(string reportId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reportId);
        cancellationToken.ThrowIfCancellationRequested();
        var stored = repository.Find(reportId) ?? throw NotFound(reportId);
        var report = ReadStored(stored);
        report.SignOffStatus = HandoffRules.ComputeSignOffStatus(report, Now());
        return Task.FromResult(new HandoffReportEntry(report, stored.Revision));
    }

    /// <inheritdoc />
    public Task<HandoffReportPage> ListAsync(HandoffReportQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        HandoffValidation.ThrowIfInvalid(query.Validate());
        var criteria = new HandoffReportCriteria
        {
            AgentId = query.AgentId,
            PipelineId = query.PipelineId,
            TaskId = query.TaskId,
            Status = query.Status is { } status ? HandoffEnumNames.Of(status) : null,
            ReportType = query.ReportType,
            CreatedAfter = query.CreatedAfter,
            CreatedBefore = query.CreatedBefore,
            MinQualityScore = query.MinQualityScore,
        };

        var now = Now();
        var skip = (int)Math.Min(int.MaxValue, ((long)query.Page - 1) * query.PageSize);
        List<EnhancedAgentHandoffReport> reports;
        int total;
        if (query.SignOffStatus is { } wanted)
        {
            // The sign-off status changes as sign-offs expire, so it is computed now rather than matched as stored.
            var matching = repository.Query(criteria, 0, int.MaxValue).Reports
                .Select(ReadStored)
                .Where(r => (r.SignOffStatus = HandoffRules.ComputeSignOffStatus(r, now)) == wanted)
                .ToList();
            total = matching.Count;
            reports = [.. matching.Skip(skip).Take(query.PageSize)];
        }
        else
        {
            var slice = repository.Query(criteria, skip, query.PageSize);
            total = slice.TotalCount;
            reports = [.. slice.Reports.Select(ReadStored)];
            foreach (var report in reports)
            {
                report.SignOffStatus = HandoffRules.ComputeSignOffStatus(report, now);
            }
        }

        return Task.FromResult(new HandoffReportPage
        {
            Reports = reports,
            TotalCount = total,
            Page = query.Page,
            PageSize = query.PageSize,
            HasNext = (long)skip + reports.Count < total,
            HasPrevious = query.Page > 1,
        });
    }

    /// <summary>
    /// Applies <paramref name="apply"/> to the stored report and saves it against the revision it was read at, then
    /// publishes <paramref name="eventType"/> with the details <paramref name="apply"/> returns. Without
    /// <paramref name="expectedRevision"/> a lost race re-applies the change to the newer report (up to
    /// <see cref="HandoffWorkflowOptions.MaxWriteAttempts"/> times); with one, it is a conflict. A refusal thrown by
    /// <paramref name="apply"/> (a <see cref="SecurityException"/>) is published as a failure and rethrown.
    /// </summary>
    /// <remarks>
    /// <paramref name="apply"/> gets a fresh copy on every attempt and the normalised current instant; it must not have other
    /// side effects. <c>updated_at</c>, the overall progress and the sign-off status are set after it.
    /// </remarks>
    internal Task<HandoffReportEntry> MutateAsync(
        ActingPrincipal caller,
        string reportId,
        long? expectedRevision,
        string eventType,
        Func<EnhancedAgentHandoffReport, DateTimeOffset, Dictionary<string, string>> apply,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apply);
        return MutateAsync(caller, reportId, expectedRevision, eventType, (report, now, _) => ValueTask.FromResult(apply(report, now)), cancellationToken);
    }

    /// <summary>
    /// The asynchronous form of <see cref="MutateAsync(ActingPrincipal, string, long?, string, Func{EnhancedAgentHandoffReport, DateTimeOffset, Dictionary{string, string}}, CancellationToken)"/>,
    /// for changes that look something up about the report (for example a sign-off gate).
    /// </summary>
    /// <remarks>
    /// <paramref name="apply"/> may run more than once (after a lost race), so anything that must happen once, such as
    /// checking a one-time second-factor code, belongs before this call, not inside it.
    /// </remarks>
    internal async Task<HandoffReportEntry> MutateAsync(
        ActingPrincipal caller,
        string reportId,
        long? expectedRevision,
        string eventType,
        Func<EnhancedAgentHandoffReport, DateTimeOffset, CancellationToken, ValueTask<Dictionary<string, string>>> apply,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(reportId);
        ArgumentNullException.ThrowIfNull(apply);
        HandoffReportEntry? saved = null;
        Dictionary<string, string> details = [];
        try
        {
            for (var attempt = 1; saved is null; attempt++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var stored = repository.Find(reportId) ?? throw NotFound(reportId);
                if (expectedRevision is { } expected && expected != stored.Revision)
                {
                    throw Conflict(reportId, expected, stored.Revision);
                }

                var report = ReadStored(stored);
                var now = Now();
                details = await apply(report, now, cancellationToken).ConfigureAwait(false);
                report.UpdatedAt = now;
                HandoffRules.Recompute(report, now);
                HandoffValidation.ThrowIfInvalid(HandoffReportValidator.Validate(report));

                var document = ToStored(report);
                if (repository.TrySave(document, stored.Revision))
                {
                    saved = new HandoffReportEntry(report, document.Revision);
                }
                else if (expectedRevision is not null)
                {
                    throw Conflict(reportId, expectedRevision.Value, repository.Find(reportId)?.Revision ?? 0);
                }
                else if (attempt >= Options.MaxWriteAttempts)
                {
                    LogWriteRaceLost(logger, reportId, attempt);
                    throw Conflict(reportId, stored.Revision, repository.Find(reportId)?.Revision ?? 0);
                }
            }
        }
        catch (SecurityException ex)
        {
            await PublishFailureAsync(caller, eventType, reportId, ex, cancellationToken).ConfigureAwait(false);
            throw;
        }

        details["status"] = HandoffEnumNames.Of(saved.Report.Status);
        details["revision"] = saved.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await PublishAsync(caller, eventType, reportId, SecurityEventOutcomes.Success, null, details, cancellationToken).ConfigureAwait(false);
        return saved;
    }

    /// <summary>Refuses unless <paramref name="caller"/> filed the report (or is the local operator).</summary>
    internal static void EnsureOwner(ActingPrincipal caller, EnhancedAgentHandoffReport report, string operation)
    {
        if (caller.IsLocalOperator || string.Equals(caller.Id, report.AgentId, StringComparison.Ordinal))
        {
            return;
        }

        throw new SecurityException(SecurityErrorCodes.InsufficientPermissions,
            $"Only the report's agent may {operation} it.",
            new Dictionary<string, object?> { ["report_id"] = report.ReportId, ["operation"] = operation });
    }

    /// <summary>Refuses unless the report's status lets its content change.</summary>
    internal static void EnsureEditable(EnhancedAgentHandoffReport report, string operation, Func<HandoffReportStatus, bool> isEditable)
    {
        if (isEditable(report.Status))
        {
            return;
        }

        var current = HandoffEnumNames.Of(report.Status);
        throw new SecurityException(SecurityErrorCodes.HandoffReportNotEditable,
            $"The report is '{current}'; it cannot {operation} now.",
            new Dictionary<string, object?> { ["current_status"] = current, ["operation"] = operation });
    }

    internal static SecurityException NotFound(string reportId) =>
        new(SecurityErrorCodes.NotFound, "No hand-off report has that id.", new Dictionary<string, object?> { ["report_id"] = reportId });

    private static SecurityException Conflict(string reportId, long expected, long current) =>
        new(SecurityErrorCodes.HandoffRevisionConflict,
            $"The report changed since revision {expected} (it is at revision {current}); read it again and retry.",
            new Dictionary<string, object?> { ["report_id"] = reportId, ["expected_revision"] = expected, ["current_revision"] = current });

    /// <summary>Reads a stored report's JSON; an unreadable document is an internal error (it was written by this code).</summary>
    internal EnhancedAgentHandoffReport ReadStored(StoredHandoffReport stored)
    {
        try
        {
            return JsonSerializer.Deserialize(stored.Document, HandoffJsonContext.Default.EnhancedAgentHandoffReport)
                ?? throw new JsonException("The stored document is null.");
        }
        catch (JsonException ex)
        {
            LogUnreadableReport(logger, stored.ReportId, ex.Path);
            throw new SecurityException(SecurityErrorCodes.InternalError, "The stored report cannot be read.");
        }
    }

    internal static StoredHandoffReport ToStored(EnhancedAgentHandoffReport report) => new()
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

    /// <summary>Makes an id the way Phase 6 does: a prefix and 32 random hex digits.</summary>
    internal static string NewId(string prefix) => prefix + RandomNumberGenerator.GetHexString(32, lowercase: true);

    internal ValueTask PublishAsync(ActingPrincipal caller, string eventType, string? reportId, string outcome, string? reasonCode,
        IReadOnlyDictionary<string, string> details, CancellationToken cancellationToken) =>
        events.PublishAsync(new SecurityEvent
        {
            Type = eventType,
            OccurredAt = time.GetUtcNow(),
            Outcome = outcome,
            SubjectId = caller.Id,
            Address = caller.Address,
            RequestId = caller.RequestId,
            Target = reportId,
            ReasonCode = reasonCode,
            Details = details,
        }, cancellationToken);

    /// <summary>Publishes a refusal: its code, the statuses it names and the bad field paths (never their values).</summary>
    internal ValueTask PublishFailureAsync(ActingPrincipal caller, string eventType, string? reportId, SecurityException refusal, CancellationToken cancellationToken)
    {
        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        if (refusal.Details is { } refusalDetails)
        {
            foreach (var key in (string[])["current_status", "requested_status", "operation", "expected_revision", "current_revision"])
            {
                if (refusalDetails.TryGetValue(key, out var value) && value is not null)
                {
                    details[key] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
                }
            }

            if (refusalDetails.TryGetValue("missing_roles", out var missing) && missing is IEnumerable<string> roles)
            {
                details["missing_roles"] = string.Join(",", roles);
            }

            if (refusalDetails.TryGetValue(HandoffValidation.ErrorsDetailKey, out var errors) && errors is IEnumerable<HandoffValidationError> fieldErrors)
            {
                details["fields"] = string.Join(",", fieldErrors.Select(e => e.Field).Distinct());
            }
        }

        return PublishAsync(caller, eventType, reportId, SecurityEventOutcomes.Failure, refusal.Code, details, cancellationToken);
    }

    [LoggerMessage(EventId = 4000, Level = LogLevel.Warning, Message = "Hand-off report {ReportId} lost {Attempts} write races in a row; the change was refused")]
    private static partial void LogWriteRaceLost(ILogger logger, string reportId, int attempts);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Error, Message = "Stored hand-off report {ReportId} cannot be read (at {JsonPath})")]
    private static partial void LogUnreadableReport(ILogger logger, string reportId, string? jsonPath);
}
