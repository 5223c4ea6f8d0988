namespace McpSecurity.Handoff;

/// <summary>Checks the workflow's request bodies by Phase 6's rules, one error per bad field.</summary>
internal static class HandoffRequestValidator
{
    private const int MaxListEntries = 500;
    private const int MaxEntryLength = 2000;

    public static IReadOnlyList<HandoffValidationError> Create(CreateHandoffReportRequest request)
    {
        var errors = new HandoffErrorCollector();
        Id(errors, "pipeline_id", request.PipelineId, required: true);
        Id(errors, "task_id", request.TaskId, required: true);
        WorkSummary(errors, request.WorkSummary, required: true);
        Lists(errors, ("achievements", request.Achievements), ("challenges_encountered", request.ChallengesEncountered),
            ("lessons_learned", request.LessonsLearned), ("components_implemented", request.ComponentsImplemented),
            ("apis_integrated", request.ApisIntegrated), ("services_configured", request.ServicesConfigured),
            ("tests_written", request.TestsWritten), ("documentation_created", request.DocumentationCreated));
        errors.Range("quality_score", request.QualityScore, 0, 1);
        errors.Range("test_coverage_percentage", request.TestCoveragePercentage, 0, 100);
        return errors.Errors;
    }

    public static IReadOnlyList<HandoffValidationError> Update(UpdateHandoffReportRequest request)
    {
        var errors = new HandoffErrorCollector();
        Id(errors, "pipeline_id", request.PipelineId, required: false);
        Id(errors, "task_id", request.TaskId, required: false);
        WorkSummary(errors, request.WorkSummary, required: false);
        Lists(errors, ("achievements", request.Achievements), ("challenges_encountered", request.ChallengesEncountered),
            ("lessons_learned", request.LessonsLearned), ("components_implemented", request.ComponentsImplemented),
            ("apis_integrated", request.ApisIntegrated), ("services_configured", request.ServicesConfigured),
            ("tests_written", request.TestsWritten), ("documentation_created", request.DocumentationCreated),
            ("attachments", request.Attachments), ("code_references", request.CodeReferences), ("documentation_links", request.DocumentationLinks));
        errors.Range("quality_score", request.QualityScore, 0, 1);
        errors.Range("test_coverage_percentage", request.TestCoveragePercentage, 0, 100);
        return errors.Errors;
    }

    public static IReadOnlyList<HandoffValidationError> Submit(SubmitHandoffReportRequest request, string reportId, string callerId)
    {
        var errors = new HandoffErrorCollector();
        Same(errors, "report_id", request.ReportId, reportId, "the report being submitted");
        Same(errors, "agent_id", request.AgentId, callerId, "the caller");
        errors.Length("submission_notes", request.SubmissionNotes, 0, 1000);
        Lists(errors, ("attachments", request.Attachments));
        return errors.Errors;
    }

    public static IReadOnlyList<HandoffValidationError> Review(ReviewHandoffReportRequest request, string reportId, string callerId)
    {
        var errors = new HandoffErrorCollector();
        Same(errors, "report_id", request.ReportId, reportId, "the report being reviewed");
        Same(errors, "reviewer_id", request.ReviewerId, callerId, "the caller");
        if (!Enum.IsDefined(request.ReviewStatus))
        {
            errors.Add("review_status", HandoffValidationCodes.InvalidValue, $"The field 'review_status' must be one of: {string.Join(", ", HandoffEnumNames.Of(typeof(ReviewDecision)))}.");
        }

        if (string.IsNullOrWhiteSpace(request.ReviewComments))
        {
            errors.RequiredText("review_comments", request.ReviewComments);
        }
        else
        {
            errors.Length("review_comments", request.ReviewComments, ReviewHandoffReportRequest.CommentsMinLength, HandoffRules.ReviewFeedbackMaxLength, trim: true);
        }

        Lists(errors, ("amendments_required", request.AmendmentsRequired));
        errors.Range("quality_score", request.QualityScore, 0, 1);
        return errors.Errors;
    }

    public static IReadOnlyList<HandoffValidationError> Phase6Component(UpdatePhase6ComponentRequest request, ComponentType? pathComponent)
    {
        var errors = new HandoffErrorCollector();
        if (!Enum.IsDefined(request.ComponentType))
        {
            errors.Add("component_type", HandoffValidationCodes.InvalidValue, $"The field 'component_type' must be one of: {string.Join(", ", HandoffEnumNames.Of(typeof(ComponentType)))}.");
        }
        else if (pathComponent is { } path && path != request.ComponentType)
        {
            errors.Add("component_type", HandoffValidationCodes.Mismatch,
                $"The field 'component_type' ('{HandoffEnumNames.Of(request.ComponentType)}') must equal the component in the path ('{HandoffEnumNames.Of(path)}').");
        }

        if (!Enum.IsDefined(request.Status))
        {
            errors.Add("status", HandoffValidationCodes.InvalidValue, $"The field 'status' must be one of: {string.Join(", ", HandoffEnumNames.Of(typeof(Phase6ComponentStatus)))}.");
        }

        errors.Range("progress_percentage", request.ProgressPercentage, 0, 100);
        errors.Length("notes", request.Notes, 0, HandoffRules.ComponentNotesMaxLength);
        if (request.StartedAt is { } started && request.CompletedAt is { } completed && completed < started)
        {
            errors.Add("completed_at", HandoffValidationCodes.OutOfRange, "The field 'completed_at' must not lie before 'started_at'.");
        }

        return errors.Errors;
    }

    public static IReadOnlyList<HandoffValidationError> Phase7Component(UpdatePhase7ComponentRequest request)
    {
        var errors = new HandoffErrorCollector();
        if (!Enum.IsDefined(request.ComponentType))
        {
            errors.Add("component_type", HandoffValidationCodes.InvalidValue, $"The field 'component_type' must be one of: {string.Join(", ", HandoffEnumNames.Of(typeof(Phase7ComponentType)))}.");
        }

        if (request.Status == Phase7ComponentStatus.SignedOff)
        {
            errors.Add("status", HandoffValidationCodes.NotAllowed, "The field 'status' cannot be 'signed_off': a component is signed off when all its required roles have approved.");
        }
        else if (request.Status is { } status && !Enum.IsDefined(status))
        {
            errors.Add("status", HandoffValidationCodes.InvalidValue, $"The field 'status' must be one of: {string.Join(", ", HandoffEnumNames.Of(typeof(Phase7ComponentStatus)))}.");
        }

        errors.Range("completion_percentage", request.CompletionPercentage, 0, 100);
        errors.Range("test_coverage", request.TestCoverage, 0, 100);
        errors.Range("security_score", request.SecurityScore, 0, 1);
        errors.Length("notes", request.Notes, 0, HandoffRules.ComponentNotesMaxLength);
        if (request.PerformanceMetrics is { } metrics)
        {
            foreach (var (name, value) in metrics)
            {
                if (!double.IsFinite(value))
                {
                    errors.Add($"performance_metrics.{name}", HandoffValidationCodes.OutOfRange, $"The field 'performance_metrics.{name}' must be a finite number.");
                }
            }
        }

        if (request.Dependencies is { } dependencies && dependencies.Contains(request.ComponentType))
        {
            errors.Add("dependencies", HandoffValidationCodes.NotAllowed, "The field 'dependencies' must not name the component itself.");
        }

        Lists(errors, ("attachments", request.Attachments));
        return errors.Errors;
    }

    private static void Id(HandoffErrorCollector errors, string field, string? value, bool required)
    {
        if (value is null && !required)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            errors.RequiredText(field, value);
            return;
        }

        errors.Length(field, value, 1, HandoffWorkflowService.MaxIdLength);
    }

    private static void WorkSummary(HandoffErrorCollector errors, string? value, bool required)
    {
        if (value is null && !required)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            errors.RequiredText("work_summary", value);
            return;
        }

        errors.Length("work_summary", value, HandoffRules.WorkSummaryMinLength, HandoffRules.WorkSummaryMaxLength, trim: true);
    }

    private static void Lists(HandoffErrorCollector errors, params (string Field, List<string>? Values)[] lists)
    {
        foreach (var (field, values) in lists)
        {
            if (values is { Count: > MaxListEntries })
            {
                errors.Add(field, HandoffValidationCodes.TooLong, $"The field '{field}' must have at most {MaxListEntries} entries.");
                continue;
            }

            errors.Entries(field, values, MaxEntryLength);
        }
    }

    private static void Same(HandoffErrorCollector errors, string field, string? given, string expected, string what)
    {
        if (given is not null && !string.Equals(given, expected, StringComparison.Ordinal))
        {
            errors.Add(field, HandoffValidationCodes.Mismatch, $"The field '{field}' must be {what} when given.");
        }
    }
}
