using System.Text.Json;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Events;

namespace McpSecurity.Handoff;

/// <summary>Create, update, submit and review.</summary>
internal sealed partial class HandoffWorkflowService
{
    /// <summary>The extra field that keeps the id of the last reviewer (Phase 6 ignores it).</summary>
    internal const string ReviewerIdField = "reviewer_id";

    private static readonly HashSet<string> ReportFieldNames =
        [.. HandoffJsonContext.Default.EnhancedAgentHandoffReport.Properties.Where(p => !p.IsExtensionData).Select(p => p.Name)];

    /// <inheritdoc />
    public async Task<HandoffReportEntry> CreateAsync(ActingPrincipal caller, CreateHandoffReportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        EnhancedAgentHandoffReport report;
        try
        {
            HandoffValidation.ThrowIfInvalid(HandoffRequestValidator.Create(request));
            var now = Now();
            report = new EnhancedAgentHandoffReport
            {
                ReportId = NewId("handoff_"),
                AgentId = caller.Id,
                PipelineId = request.PipelineId,
                TaskId = request.TaskId,
                WorkSummary = request.WorkSummary.Trim(),
                Achievements = [.. request.Achievements ?? []],
                ChallengesEncountered = [.. request.ChallengesEncountered ?? []],
                LessonsLearned = [.. request.LessonsLearned ?? []],
                ComponentsImplemented = [.. request.ComponentsImplemented ?? []],
                ApisIntegrated = [.. request.ApisIntegrated ?? []],
                ServicesConfigured = [.. request.ServicesConfigured ?? []],
                TestsWritten = [.. request.TestsWritten ?? []],
                DocumentationCreated = [.. request.DocumentationCreated ?? []],
                QualityScore = request.QualityScore,
                TestCoveragePercentage = request.TestCoveragePercentage,
                SignOffsRequired = [.. Options.DefaultRequiredSignOffs],
                CreatedAt = now,
                UpdatedAt = now,
            };

            // Unknown fields of the body are kept; fields of the report the body may not set (agent_id, status, ...) are not.
            var extra = request.ExtensionData?.Where(p => !ReportFieldNames.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value.Clone(), StringComparer.Ordinal);
            report.ExtensionData = extra is { Count: > 0 } ? extra : null;
        }
        catch (SecurityException ex)
        {
            await PublishFailureAsync(caller, SecurityEventTypes.HandoffReportCreated, null, ex, cancellationToken).ConfigureAwait(false);
            throw;
        }

        return await InsertNewAsync(caller, report, [], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Saves a new report (derived fields computed, rules checked) and publishes its creation.</summary>
    private async Task<HandoffReportEntry> InsertNewAsync(ActingPrincipal caller, EnhancedAgentHandoffReport report, Dictionary<string, string> details, CancellationToken cancellationToken)
    {
        long revision;
        try
        {
            HandoffRules.Recompute(report, report.UpdatedAt);
            HandoffValidation.ThrowIfInvalid(HandoffReportValidator.Validate(report));
            var stored = ToStored(report);
            if (!repository.TrySave(stored, 0))
            {
                throw new SecurityException(SecurityErrorCodes.Conflict, "A report with the generated id exists; try again.");
            }

            revision = stored.Revision;
        }
        catch (SecurityException ex)
        {
            await PublishFailureAsync(caller, SecurityEventTypes.HandoffReportCreated, null, ex, cancellationToken).ConfigureAwait(false);
            throw;
        }

        details["status"] = HandoffEnumNames.Of(report.Status);
        details["revision"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        details["pipeline_id"] = report.PipelineId;
        details["task_id"] = report.TaskId;
        await PublishAsync(caller, SecurityEventTypes.HandoffReportCreated, report.ReportId, SecurityEventOutcomes.Success, null, details, cancellationToken)
            .ConfigureAwait(false);
        return new HandoffReportEntry(report, revision);
    }

    /// <inheritdoc />
    public Task<HandoffReportEntry> UpdateAsync(ActingPrincipal caller, string reportId, UpdateHandoffReportRequest request, long? expectedRevision = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return MutateAsync(caller, reportId, expectedRevision, SecurityEventTypes.HandoffReportUpdated, (report, _) =>
        {
            HandoffValidation.ThrowIfInvalid(HandoffRequestValidator.Update(request));
            EnsureOwner(caller, report, "update");
            EnsureEditable(report, "be updated", HandoffStatusTransitions.IsEditable);

            var changed = new List<string>();
            void Set<T>(string field, T? value, Action<T> assign)
            {
                if (value is not null)
                {
                    assign(value);
                    changed.Add(field);
                }
            }

            Set("pipeline_id", request.PipelineId, v => report.PipelineId = v);
            Set("task_id", request.TaskId, v => report.TaskId = v);
            Set("work_summary", request.WorkSummary, v => report.WorkSummary = v.Trim());
            Set("achievements", request.Achievements, v => report.Achievements = [.. v]);
            Set("challenges_encountered", request.ChallengesEncountered, v => report.ChallengesEncountered = [.. v]);
            Set("lessons_learned", request.LessonsLearned, v => report.LessonsLearned = [.. v]);
            Set("components_implemented", request.ComponentsImplemented, v => report.ComponentsImplemented = [.. v]);
            Set("apis_integrated", request.ApisIntegrated, v => report.ApisIntegrated = [.. v]);
            Set("services_configured", request.ServicesConfigured, v => report.ServicesConfigured = [.. v]);
            Set("tests_written", request.TestsWritten, v => report.TestsWritten = [.. v]);
            Set("documentation_created", request.DocumentationCreated, v => report.DocumentationCreated = [.. v]);
            Set("attachments", request.Attachments, v => report.Attachments = [.. v]);
            Set("code_references", request.CodeReferences, v => report.CodeReferences = [.. v]);
            Set("documentation_links", request.DocumentationLinks, v => report.DocumentationLinks = [.. v]);
            if (request.QualityScore is { } quality)
            {
                report.QualityScore = quality;
                changed.Add("quality_score");
            }

            if (request.TestCoveragePercentage is { } coverage)
            {
                report.TestCoveragePercentage = coverage;
                changed.Add("test_coverage_percentage");
            }

            return new Dictionary<string, string> { ["fields"] = string.Join(",", changed) };
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<HandoffReportEntry> SubmitAsync(ActingPrincipal caller, string reportId, SubmitHandoffReportRequest request, long? expectedRevision = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        return MutateAsync(caller, reportId, expectedRevision, SecurityEventTypes.HandoffReportSubmitted, (report, now) =>
        {
            HandoffValidation.ThrowIfInvalid(HandoffRequestValidator.Submit(request, reportId, caller.Id));
            EnsureOwner(caller, report, "submit");
            var previous = report.Status;
            HandoffStatusTransitions.EnsureAllowed(previous, HandoffReportStatus.Submitted);
            if (Options.RequireCompleteReportToSubmit && !HandoffRules.IsComplete(report))
            {
                throw Incomplete(report);
            }

            report.Status = HandoffReportStatus.Submitted;
            report.SubmittedAt = now;
            if (request.Attachments is { } attachments)
            {
                report.Attachments = [.. report.Attachments.Concat(attachments).Distinct(StringComparer.Ordinal)];
            }

            if (request.SubmissionNotes is { } notes)
            {
                report.ExtensionData ??= [];
                report.ExtensionData[SubmitHandoffReportRequest.SubmissionNotesField] = JsonSerializer.SerializeToElement(notes, HandoffJsonContext.Default.String);
            }

            return new Dictionary<string, string> { ["previous_status"] = HandoffEnumNames.Of(previous) };
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<HandoffReportEntry> ReviewAsync(ActingPrincipal caller, string reportId, ReviewHandoffReportRequest request, long? expectedRevision = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        return MutateAsync(caller, reportId, expectedRevision, SecurityEventTypes.HandoffReportReviewed, (report, now) =>
        {
            HandoffValidation.ThrowIfInvalid(HandoffRequestValidator.Review(request, reportId, caller.Id));
            if (string.Equals(caller.Id, report.AgentId, StringComparison.Ordinal))
            {
                throw new SecurityException(SecurityErrorCodes.HandoffSeparationOfDuties, "The report's own agent may not review it.",
                    new Dictionary<string, object?> { ["report_id"] = report.ReportId, ["operation"] = "review" });
            }

            var previous = report.Status;
            var target = request.ReviewStatus switch
            {
                ReviewDecision.Approved => HandoffReportStatus.Approved,
                ReviewDecision.Rejected => HandoffReportStatus.Rejected,
                _ => HandoffReportStatus.AmendmentsRequired,
            };
            HandoffStatusTransitions.EnsureAllowed(previous, target);
            if (target == HandoffReportStatus.Approved && Options.RequireSignOffsToApprove)
            {
                EnsureSignedOff(report, now);
            }

            report.Status = target;
            report.ReviewFeedback = request.ReviewComments.Trim();
            report.ReviewedAt = now;
            if (target == HandoffReportStatus.Approved)
            {
                report.ApprovedAt = now;
            }

            if (request.AmendmentsRequired is { } amendments)
            {
                report.AmendmentsRequired = [.. amendments];
            }

            if (request.QualityScore is { } quality)
            {
                report.QualityScore = quality;
            }

            report.ExtensionData ??= [];
            report.ExtensionData[ReviewerIdField] = JsonSerializer.SerializeToElement(caller.Id, HandoffJsonContext.Default.String);
            return new Dictionary<string, string>
            {
                ["previous_status"] = HandoffEnumNames.Of(previous),
                ["review_status"] = HandoffEnumNames.Of(request.ReviewStatus),
            };
        }, cancellationToken);
    }

    private static SecurityException Incomplete(EnhancedAgentHandoffReport report)
    {
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(report.WorkSummary))
        {
            missing.Add("work_summary");
        }

        if (report.Phase6Components.Count == 0)
        {
            missing.Add("phase6_components");
        }

        if (report.OverallPhase6Progress < 100)
        {
            missing.Add("overall_phase6_progress");
        }

        return new SecurityException(SecurityErrorCodes.HandoffReportIncomplete,
            $"The report is not complete: it needs a work summary, at least one component and an overall progress of 100 (it is at {report.OverallPhase6Progress:0.##}).",
            new Dictionary<string, object?> { ["report_id"] = report.ReportId, ["missing"] = missing.ToArray() });
    }

    private static void EnsureSignedOff(EnhancedAgentHandoffReport report, DateTimeOffset now)
    {
        var status = HandoffRules.ComputeSignOffStatus(report, now);
        if (status is SignOffStatus.Approved or SignOffStatus.NotRequired)
        {
            return;
        }

        var missing = HandoffRules.MissingApprovals(report.SignOffsRequired, report.SignOffsReceived, now).Select(HandoffEnumNames.Of).ToArray();
        var why = status == SignOffStatus.Rejected
            ? "a sign-off rejected it"
            : $"approved sign-offs are missing for: {string.Join(", ", missing)}";
        throw new SecurityException(SecurityErrorCodes.HandoffSignOffsMissing,
            $"The report cannot be approved: {why}.",
            new Dictionary<string, object?>
            {
                ["report_id"] = report.ReportId,
                ["sign_off_status"] = HandoffEnumNames.Of(status),
                ["missing_roles"] = missing,
            });
    }
}
