namespace McpSecurity.Handoff;

/// <summary>Checks a report against Phase 6's rules (and the Phase 7 ranges), one error per bad field.</summary>
public static class HandoffReportValidator
{
    /// <summary>Checks a Phase 6 report.</summary>
    public static IReadOnlyList<HandoffValidationError> Validate(AgentHandoffReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var errors = new HandoffErrorCollector();
        ValidateBase(report, errors);
        for (var i = 0; i < report.SignOffsReceived.Count; i++)
        {
            ValidateSignOff(report.SignOffsReceived[i], $"sign_offs_received[{i}]", errors);
        }

        return errors.Errors;
    }

    /// <summary>Checks an enhanced report: Phase 6's rules plus the ranges of the Phase 7 fields.</summary>
    public static IReadOnlyList<HandoffValidationError> Validate(EnhancedAgentHandoffReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var errors = new HandoffErrorCollector();
        ValidateBase(report, errors);
        for (var i = 0; i < report.SignOffsReceived.Count; i++)
        {
            ValidateEnhancedSignOff(report.SignOffsReceived[i], $"sign_offs_received[{i}]", errors);
        }

        var seen = new HashSet<Phase7ComponentType>();
        for (var i = 0; i < report.Phase7Components.Count; i++)
        {
            var c = report.Phase7Components[i];
            var p = $"phase7_components[{i}]";
            if (!seen.Add(c.ComponentType))
            {
                errors.Add($"{p}.component_type", HandoffValidationCodes.Duplicate,
                    $"The field '{p}.component_type' repeats '{HandoffEnumNames.Of(c.ComponentType)}'; each component appears once.");
            }

            errors.RequiredText($"{p}.id", c.Id);
            errors.RequiredText($"{p}.report_id", c.ReportId);
            errors.Range($"{p}.completion_percentage", c.CompletionPercentage, 0, 100);
            errors.Range($"{p}.test_coverage", c.TestCoverage, 0, 100);
            errors.Range($"{p}.security_score", c.SecurityScore, 0, 1);
            errors.Length($"{p}.notes", c.Notes, 0, HandoffRules.ComponentNotesMaxLength);
            for (var j = 0; j < c.SignedOffBy.Count; j++)
            {
                ValidateEnhancedSignOff(c.SignedOffBy[j], $"{p}.signed_off_by[{j}]", errors);
            }
        }

        var m = report.SecurityMetrics;
        foreach (var (name, value) in new (string, double)[]
        {
            ("total_security_events", m.TotalSecurityEvents), ("high_risk_events", m.HighRiskEvents),
            ("rate_limit_violations", m.RateLimitViolations), ("suspicious_activities", m.SuspiciousActivities),
            ("blocked_requests", m.BlockedRequests), ("security_incidents", m.SecurityIncidents),
            ("authentication_successes", m.AuthenticationSuccesses), ("authentication_failures", m.AuthenticationFailures),
            ("encryption_operations", m.EncryptionOperations), ("compliance_violations", m.ComplianceViolations),
            ("vulnerability_count", m.VulnerabilityCount), ("audit_events", m.AuditEvents),
        })
        {
            errors.NotNegative($"security_metrics.{name}", value);
        }

        errors.NotNegative("security_metrics.average_response_time_ms", m.AverageResponseTimeMs);
        errors.Range("security_metrics.compliance_score", m.ComplianceScore, 0, 1);
        if (m.WindowStart is { } start && m.WindowEnd is { } end && end < start)
        {
            errors.Add("security_metrics.window_end", HandoffValidationCodes.OutOfRange, "The field 'security_metrics.window_end' must not lie before 'window_start'.");
        }

        var compliance = report.ComplianceValidation;
        errors.Range("compliance_validation.score", compliance.Score, 0, 1);
        errors.NotNegative("compliance_validation.controls_passed", compliance.ControlsPassed);
        errors.NotNegative("compliance_validation.controls_failed", compliance.ControlsFailed);
        errors.NotNegative("compliance_validation.controls_not_applicable", compliance.ControlsNotApplicable);
        for (var i = 0; i < compliance.FailingControls.Count; i++)
        {
            errors.RequiredText($"compliance_validation.failing_controls[{i}].control_id", compliance.FailingControls[i].ControlId);
        }

        return errors.Errors;
    }

    private static void ValidateBase<TSignOff>(AgentHandoffReportBase<TSignOff> report, HandoffErrorCollector errors)
        where TSignOff : SignOffRecord
    {
        errors.RequiredText("report_id", report.ReportId);
        errors.RequiredText("agent_id", report.AgentId);
        errors.RequiredText("pipeline_id", report.PipelineId);
        errors.RequiredText("task_id", report.TaskId);
        errors.RequiredText("report_type", report.ReportType);
        errors.RequiredText("version", report.Version);
        if (string.IsNullOrWhiteSpace(report.WorkSummary))
        {
            errors.RequiredText("work_summary", report.WorkSummary);
        }
        else
        {
            errors.Length("work_summary", report.WorkSummary, HandoffRules.WorkSummaryMinLength, HandoffRules.WorkSummaryMaxLength, trim: true);
        }

        errors.Range("overall_phase6_progress", report.OverallPhase6Progress, 0, 100);
        errors.Range("quality_score", report.QualityScore, 0, 1);
        errors.Range("test_coverage_percentage", report.TestCoveragePercentage, 0, 100);
        errors.Length("review_feedback", report.ReviewFeedback, 0, HandoffRules.ReviewFeedbackMaxLength);

        var seen = new HashSet<ComponentType>();
        for (var i = 0; i < report.Phase6Components.Count; i++)
        {
            var c = report.Phase6Components[i];
            var p = $"phase6_components[{i}]";
            if (!seen.Add(c.ComponentType))
            {
                errors.Add($"{p}.component_type", HandoffValidationCodes.Duplicate,
                    $"The field '{p}.component_type' repeats '{HandoffEnumNames.Of(c.ComponentType)}'; each component appears once.");
            }

            errors.Range($"{p}.progress_percentage", c.ProgressPercentage, 0, 100);
            errors.Length($"{p}.notes", c.Notes, 0, HandoffRules.ComponentNotesMaxLength);
        }

        var metrics = report.Metrics;
        foreach (var (name, value) in new (string, double?)[]
        {
            ("tasks_completed", metrics.TasksCompleted), ("tasks_failed", metrics.TasksFailed),
            ("api_calls_made", metrics.ApiCallsMade), ("external_service_calls", metrics.ExternalServiceCalls),
            ("errors_encountered", metrics.ErrorsEncountered), ("warnings_generated", metrics.WarningsGenerated),
            ("retry_attempts", metrics.RetryAttempts), ("circuit_breaker_activations", metrics.CircuitBreakerActivations),
            ("average_task_duration_seconds", metrics.AverageTaskDurationSeconds),
            ("total_processing_time_seconds", metrics.TotalProcessingTimeSeconds),
            ("memory_usage_peak_mb", metrics.MemoryUsagePeakMb),
        })
        {
            errors.NotNegative($"metrics.{name}", value);
        }

        if (report.UpdatedAt < report.CreatedAt)
        {
            errors.Add("updated_at", HandoffValidationCodes.OutOfRange, "The field 'updated_at' must not lie before 'created_at'.");
        }
    }

    private static void ValidateSignOff(SignOffRecord signOff, string path, HandoffErrorCollector errors)
    {
        errors.RequiredText($"{path}.sign_off_id", signOff.SignOffId);
        errors.RequiredText($"{path}.signed_by", signOff.SignedBy);
        errors.Length($"{path}.comments", signOff.Comments, 0, HandoffRules.SignOffCommentsMaxLength);
    }

    private static void ValidateEnhancedSignOff(EnhancedSignOffRecord signOff, string path, HandoffErrorCollector errors)
    {
        ValidateSignOff(signOff, path, errors);
        errors.Range($"{path}.security_score", signOff.SecurityScore, 0, 1);
        if (signOff.IpReputation is { } ip)
        {
            errors.RequiredText($"{path}.ip_reputation.ip", ip.Ip);
            errors.Range($"{path}.ip_reputation.score", ip.Score, 0, 1);
            errors.NotNegative($"{path}.ip_reputation.failed_logins_24h", ip.FailedLogins24h);
            errors.NotNegative($"{path}.ip_reputation.rate_limit_violations_24h", ip.RateLimitViolations24h);
        }
    }
}
