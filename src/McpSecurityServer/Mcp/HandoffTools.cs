using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Nodes;
using McpSecurity.Handoff;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.Server.Authorization;
using McpSecurity.Server.Http;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpSecurity.Server.Mcp;

/// <summary>
/// The hand-off tools of the MCP face: the same operations as the Phase 6 REST routes, through the same services. Reports come
/// back as <see cref="EnhancedAgentHandoffReport"/> structured content (with live security data).
/// </summary>
[McpServerToolType]
internal sealed partial class HandoffTools(
    IHandoffWorkflow workflow,
    IHandoffSignOffService signOffs,
    IHandoffReportBuilder builder,
    McpCallerResolver callers,
    ILogger<HandoffTools> logger)
{
    [McpServerTool(Name = "create_handoff_report", Title = "Create a hand-off report", UseStructuredContent = true, OutputSchemaType = typeof(EnhancedAgentHandoffReport),
        ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [RequiresPermission(Permissions.HandoffWrite)]
    [Description("Creates a draft hand-off report filed by the caller (permission handoff:write). Either give report_json, a whole Phase 6 report " +
        "document (for example the contents of a Phase 6 JSON file: its work, components and unknown fields are kept; id, status, sign-offs and " +
        "security fields start afresh), or the Phase 6 create fields pipeline_id, task_id and work_summary (50..5000 characters). " +
        "Answers the EnhancedAgentHandoffReport with its security fields filled in.")]
    public Task<CallToolResult> CreateAsync(
        [Description("A whole Phase 6 report as JSON text (or a Phase 6 create body)."), StringLength(InputLimits.HandoffDocument)] string? report_json = null,
        [Description("The pipeline id."), StringLength(InputLimits.HandoffId)] string? pipeline_id = null,
        [Description("The task id."), StringLength(InputLimits.HandoffId)] string? task_id = null,
        [Description("What was done, 50..5000 characters."), StringLength(InputLimits.HandoffText)] string? work_summary = null,
        [Description("Achievements.")] string[]? achievements = null,
        [Description("Components implemented.")] string[]? components_implemented = null,
        [Description("Tests written.")] string[]? tests_written = null,
        [Description("Quality score, 0..1.")] double? quality_score = null,
        [Description("Test coverage in percent, 0..100.")] double? test_coverage_percentage = null,
        CancellationToken cancellationToken = default) =>
        RunAsync("create_handoff_report", Permissions.HandoffWrite, async caller =>
        {
            string json;
            if (!string.IsNullOrWhiteSpace(report_json))
            {
                if (pipeline_id is not null || task_id is not null || work_summary is not null)
                {
                    throw new SecurityException(SecurityErrorCodes.ValidationFailed, "Give either report_json or the create fields (pipeline_id, task_id, work_summary), not both.");
                }

                json = report_json;
            }
            else
            {
                var body = new JsonObject
                {
                    ["pipeline_id"] = pipeline_id,
                    ["task_id"] = task_id,
                    ["work_summary"] = work_summary,
                };
                AddList(body, "achievements", achievements);
                AddList(body, "components_implemented", components_implemented);
                AddList(body, "tests_written", tests_written);
                if (quality_score is { } quality)
                {
                    body["quality_score"] = quality;
                }

                if (test_coverage_percentage is { } coverage)
                {
                    body["test_coverage_percentage"] = coverage;
                }

                json = body.ToJsonString();
            }

            return await HandoffFace.CreateAsync(workflow, caller, json, cancellationToken);
        }, cancellationToken);

    [McpServerTool(Name = "get_handoff_report", Title = "Get a hand-off report", UseStructuredContent = true, OutputSchemaType = typeof(EnhancedAgentHandoffReport),
        ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [RequiresPermission(Permissions.HandoffRead)]
    [Description("Gets a hand-off report (permission handoff:read) as an EnhancedAgentHandoffReport: the stored report plus live security_metrics " +
        "(counted from recorded events since the report was created), the caller's authentication_status, compliance_validation (unknown until " +
        "a compliance run exists), phase7_components with required_roles and missing_roles, and sign_off_verification (server signatures checked).")]
    public Task<CallToolResult> GetAsync(
        [Description("The report id (handoff_...)."), StringLength(InputLimits.HandoffId)] string report_id,
        CancellationToken cancellationToken = default) =>
        RunAsync("get_handoff_report", Permissions.HandoffRead, async _ =>
            await workflow.GetAsync(ToolInput.Require(report_id, nameof(report_id), InputLimits.HandoffId), cancellationToken), cancellationToken);

    [McpServerTool(Name = "list_handoff_reports", Title = "List hand-off reports", UseStructuredContent = true, OutputSchemaType = typeof(HandoffReportPage),
        ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [RequiresPermission(Permissions.HandoffRead)]
    [Description("Lists hand-off reports newest first with Phase 6's filters and paging (permission handoff:read): {reports, total_count, page, page_size, has_next, has_previous}.")]
    public Task<CallToolResult> ListAsync(
        [Description("Only this agent's reports."), StringLength(InputLimits.HandoffId)] string? agent_id = null,
        [Description("Only this pipeline."), StringLength(InputLimits.HandoffId)] string? pipeline_id = null,
        [Description("Only this task."), StringLength(InputLimits.HandoffId)] string? task_id = null,
        [Description("Only this status: draft, submitted, under_review, approved, rejected, amendments_required."), StringLength(InputLimits.HandoffEnum)] string? status = null,
        [Description("Only this sign-off status: pending, partially_approved, approved, rejected, not_required."), StringLength(InputLimits.HandoffEnum)] string? sign_off_status = null,
        [Description("Page, from 1.")] int? page = null,
        [Description("Page size, 1..100 (default 20).")] int? page_size = null,
        CancellationToken cancellationToken = default) =>
        ToolResultsRun("list_handoff_reports", Permissions.HandoffRead, async _ =>
        {
            var values = new List<KeyValuePair<string, string?>>();
            void Add(string key, string? value)
            {
                if (value is not null)
                {
                    values.Add(new(key, value));
                }
            }

            Add("agent_id", agent_id);
            Add("pipeline_id", pipeline_id);
            Add("task_id", task_id);
            Add("status", status);
            Add("sign_off_status", sign_off_status);
            Add("page", page?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Add("page_size", page_size?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var query = HandoffReportQuery.Parse(values);
            HandoffValidation.ThrowIfInvalid(query.Errors);
            var result = await workflow.ListAsync(query.Value!, cancellationToken);
            return JsonSerializer.SerializeToElement(result, HandoffJsonContext.Default.HandoffReportPage);
        }, cancellationToken);

    [McpServerTool(Name = "submit_handoff_report", Title = "Submit a hand-off report", UseStructuredContent = true, OutputSchemaType = typeof(EnhancedAgentHandoffReport),
        ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [RequiresPermission(Permissions.HandoffWrite)]
    [Description("Submits a draft (or amended) report for review (permission handoff:write; only its agent, and only when complete: a work summary, " +
        "a Phase 6 component and overall progress 100).")]
    public Task<CallToolResult> SubmitAsync(
        [Description("The report id."), StringLength(InputLimits.HandoffId)] string report_id,
        [Description("Notes for the reviewers, at most 1000 characters."), StringLength(1000)] string? submission_notes = null,
        [Description("Attachments to add.")] string[]? attachments = null,
        CancellationToken cancellationToken = default) =>
        RunAsync("submit_handoff_report", Permissions.HandoffWrite, async caller =>
        {
            var request = new SubmitHandoffReportRequest { SubmissionNotes = submission_notes, Attachments = attachments is null ? null : [.. attachments] };
            return await workflow.SubmitAsync(caller.Principal, ToolInput.Require(report_id, nameof(report_id), InputLimits.HandoffId), request, null, cancellationToken);
        }, cancellationToken);

    [McpServerTool(Name = "review_handoff_report", Title = "Review a hand-off report", UseStructuredContent = true, OutputSchemaType = typeof(EnhancedAgentHandoffReport),
        ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [RequiresPermission(Permissions.HandoffSignOff)]
    [Description("Decides a submitted or under-review report (permission handoff:sign_off; never its own agent): review_status approved (needs every " +
        "required role's unexpired approval), rejected or amendments_required, with review_comments of 10..2000 characters.")]
    public Task<CallToolResult> ReviewAsync(
        [Description("The report id."), StringLength(InputLimits.HandoffId)] string report_id,
        [Description("approved, rejected or amendments_required."), StringLength(InputLimits.HandoffEnum)] string review_status,
        [Description("The review comments, 10..2000 characters."), StringLength(2000)] string review_comments,
        [Description("The amendments asked for.")] string[]? amendments_required = null,
        [Description("The reviewer's quality score, 0..1.")] double? quality_score = null,
        CancellationToken cancellationToken = default) =>
        RunAsync("review_handoff_report", Permissions.HandoffSignOff, async caller =>
        {
            var body = new JsonObject { ["review_status"] = review_status, ["review_comments"] = review_comments };
            AddList(body, "amendments_required", amendments_required);
            if (quality_score is { } quality)
            {
                body["quality_score"] = quality;
            }

            var request = HandoffFace.Parse(body.ToJsonString(), HandoffJsonContext.Default.ReviewHandoffReportRequest);
            return await workflow.ReviewAsync(caller.Principal, ToolInput.Require(report_id, nameof(report_id), InputLimits.HandoffId), request, null, cancellationToken);
        }, cancellationToken);

    [McpServerTool(Name = "sign_off", Title = "Sign off a hand-off report with 2FA", UseStructuredContent = true, OutputSchemaType = typeof(EnhancedAgentHandoffReport),
        ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [RequiresPermission(Permissions.HandoffSignOff)]
    [Description("Signs a submitted or under-review report off in a role you hold (permission handoff:sign_off). An approval needs a second " +
        "factor in this same call (two_factor_code from your authenticator app, an SMS code or a recovery code; two_factor_method totp, sms or " +
        "recovery_code). Phase 7 gates refuse with a stable code and the reason: HANDOFF_SECURITY_SCORE_TOO_LOW (under 0.8), " +
        "HANDOFF_IP_REPUTATION_TOO_LOW, HANDOFF_DUPLICATE_SIGNER (one signature per person per report), HANDOFF_OPEN_CRITICAL_INCIDENTS, " +
        "HANDOFF_COMPLIANCE_FAILING. Give component_type to sign one Phase 7 component; otherwise the sign-off is the report's and counts for " +
        "its completed Phase 7 components that need the role (a component whose required roles all approved becomes signed_off). " +
        "The stored record carries the server's signature; it expires after expires_in_days (default 30).")]
    public Task<CallToolResult> SignOffAsync(
        [Description("The report id."), StringLength(InputLimits.HandoffId)] string report_id,
        [Description("The role you sign for: developer, tech_lead, qa_engineer, security_reviewer, product_owner or architect."), StringLength(InputLimits.HandoffEnum)] string sign_off_role,
        [Description("The decision: approved, rejected or conditional."), StringLength(InputLimits.HandoffEnum)] string status,
        [Description("The current second-factor code."), StringLength(InputLimits.TwoFactorCode)] string? two_factor_code = null,
        [Description("totp (default), sms or recovery_code."), StringLength(InputLimits.TwoFactorMethod)] string? two_factor_method = null,
        [Description("Comments, at most 1000 characters."), StringLength(1000)] string? comments = null,
        [Description("Conditions of a conditional approval.")] string[]? conditions = null,
        [Description("Days the sign-off counts, 1..365 (default 30).")] int? expires_in_days = null,
        [Description("A Phase 7 component to sign (for example jwt_auth_service)."), StringLength(InputLimits.HandoffEnum)] string? component_type = null,
        CancellationToken cancellationToken = default) =>
        RunAsync("sign_off", Permissions.HandoffSignOff, async caller =>
        {
            var body = new JsonObject
            {
                ["sign_off_role"] = sign_off_role,
                ["status"] = status,
                ["two_factor_code"] = two_factor_code,
                ["two_factor_method"] = two_factor_method,
                ["comments"] = comments,
                ["expires_in_days"] = expires_in_days,
                ["component_type"] = component_type,
            };
            AddList(body, "conditions", conditions);
            var request = HandoffFace.Parse(body.ToJsonString(), HandoffSecurityJsonContext.Default.SignOffHandoffReportRequest);
            var result = await signOffs.SignOffAsync(caller, ToolInput.Require(report_id, nameof(report_id), InputLimits.HandoffId), request, null, cancellationToken);
            return result.Entry;
        }, cancellationToken);

    [McpServerTool(Name = "update_component_progress", Title = "Update component progress", UseStructuredContent = true, OutputSchemaType = typeof(EnhancedAgentHandoffReport),
        ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false)]
    [RequiresPermission(Permissions.HandoffWrite)]
    [Description("Sets the progress of a Phase 6 component (error_handling, api_contracts, ...: status not_started, in_progress, completed, blocked, " +
        "failed, verified; progress_percentage required) or a Phase 7 component (jwt_auth_service, rate_limiting_service, ...: status pending, " +
        "in_progress, completed, failed, blocked, under_review; progress_percentage is its completion_percentage). Only the report's agent " +
        "(permission handoff:write). signed_off is set by the sign-off rules only.")]
    public Task<CallToolResult> UpdateComponentAsync(
        [Description("The report id."), StringLength(InputLimits.HandoffId)] string report_id,
        [Description("The component type (Phase 6 or Phase 7)."), StringLength(InputLimits.HandoffEnum)] string component_type,
        [Description("The component status."), StringLength(InputLimits.HandoffEnum)] string? status = null,
        [Description("Progress in percent, 0..100.")] double? progress_percentage = null,
        [Description("Notes, at most 2000 characters."), StringLength(2000)] string? notes = null,
        [Description("Phase 7: test coverage in percent, 0..100.")] double? test_coverage = null,
        [Description("Phase 7: security score, 0..1.")] double? security_score = null,
        CancellationToken cancellationToken = default) =>
        RunAsync("update_component_progress", Permissions.HandoffWrite, async caller =>
        {
            var type = ToolInput.Require(component_type, nameof(component_type), InputLimits.HandoffEnum);
            var phase7 = HandoffEnumNames.Of(typeof(Phase7ComponentType)).Contains(type);
            var body = new JsonObject { ["status"] = status, ["notes"] = notes };
            if (progress_percentage is { } progress)
            {
                body[phase7 ? "completion_percentage" : "progress_percentage"] = progress;
            }

            if (phase7)
            {
                body["test_coverage"] = test_coverage;
                body["security_score"] = security_score;
            }

            foreach (var key in body.Where(p => p.Value is null).Select(p => p.Key).ToList())
            {
                body.Remove(key);
            }

            return await HandoffFace.UpdateComponentAsync(workflow, caller, ToolInput.Require(report_id, nameof(report_id), InputLimits.HandoffId), type,
                body.ToJsonString(), null, cancellationToken);
        }, cancellationToken);

    /// <summary>Runs an operation that answers a report: checks the permission, builds the enhanced report and answers it as structured content.</summary>
    private Task<CallToolResult> RunAsync(string tool, string permission, Func<HandoffCaller, Task<HandoffReportEntry>> body, CancellationToken cancellationToken) =>
        ToolResultsRun(tool, permission, async caller =>
        {
            var entry = await body(caller);
            var report = await builder.BuildAsync(entry, caller, cancellationToken);
            return JsonSerializer.SerializeToElement(report, HandoffJsonContext.Default.EnhancedAgentHandoffReport);
        }, cancellationToken);

    private async Task<CallToolResult> ToolResultsRun(string tool, string permission, Func<HandoffCaller, Task<JsonElement>> body, CancellationToken cancellationToken)
    {
        try
        {
            var caller = await callers.RequirePermissionAsync(permission, tool, cancellationToken);
            var context = callers.RequestContext();
            var element = await body(HandoffFace.ToHandoffCaller(caller, context.Address, context.RequestId));
            return new CallToolResult { StructuredContent = element, Content = [new TextContentBlock { Text = element.GetRawText() }] };
        }
        catch (SecurityException ex)
        {
            LogRefused(logger, tool, ex.Code);
            return ToolResults.Error(ex.Code, ex.Message, ex.Details);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex) // A tool answers a code whatever failed; the cause goes to the log.
        {
            LogFailed(logger, tool, ex);
            return ToolResults.Error(SecurityErrorCodes.InternalError, "An unexpected error occurred; the server log has the details.");
        }
    }

    private static void AddList(JsonObject body, string name, string[]? values)
    {
        if (values is not null)
        {
            body[name] = new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
        }
    }

    [LoggerMessage(EventId = 4020, Level = LogLevel.Information, Message = "MCP tool {Tool} refused: {Code}")]
    private static partial void LogRefused(ILogger logger, string tool, string code);

    [LoggerMessage(EventId = 4021, Level = LogLevel.Error, Message = "MCP tool {Tool} failed")]
    private static partial void LogFailed(ILogger logger, string tool, Exception exception);
}
