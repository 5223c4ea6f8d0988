using System.Text.Json.Nodes;
using McpSecurity.Handoff;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Events;
using McpSecurity.Tests.Handoff.Infrastructure;

namespace McpSecurity.Tests.Handoff.Workflow;

public sealed class HandoffWorkflowServiceTests : IAsyncDisposable
{
    private readonly WorkflowContext _context = new();

    public ValueTask DisposeAsync() => _context.DisposeAsync();

    private IHandoffWorkflow Workflow => _context.Workflow;

    private static ReviewHandoffReportRequest Review(ReviewDecision decision) => new() { ReviewStatus = decision, ReviewComments = "Reviewed the retry limits and the envelope." };

    [Fact]
    public async Task CreateAsync_ValidBody_StoresADraftFiledByTheCaller()
    {
        var entry = await Workflow.CreateAsync(WorkflowContext.Agent, WorkflowContext.NewReport());
        var report = entry.Report;

        Assert.Matches("^handoff_[0-9a-f]{32}$", report.ReportId);
        Assert.Equal("agent-1", report.AgentId);
        Assert.Equal(HandoffReportStatus.Draft, report.Status);
        Assert.Equal(SignOffStatus.Pending, report.SignOffStatus);
        Assert.Equal([SignOffRole.Developer, SignOffRole.TechLead, SignOffRole.QaEngineer], report.SignOffsRequired);
        Assert.Equal(HandoffTimestampConverter.Normalize(_context.Time.GetUtcNow()), report.CreatedAt);
        Assert.Equal(1, entry.Revision);
        Assert.Equal("\"1\"", entry.ETag);

        var read = await Workflow.GetAsync(report.ReportId);
        Assert.Equal(HandoffJson.Serialize(report), HandoffJson.Serialize(read.Report));

        var created = Assert.Single(_context.Events.Events);
        Assert.Equal(SecurityEventTypes.HandoffReportCreated, created.Type);
        Assert.Equal(SecurityEventOutcomes.Success, created.Outcome);
        Assert.Equal(("agent-1", report.ReportId, "10.0.0.1", "req-1"), (created.SubjectId, created.Target, created.Address, created.RequestId));
    }

    [Fact]
    public async Task CreateAsync_BodyFromJsonWithUnknownAndForbiddenFields_KeepsUnknownIgnoresAgentIdAndStatus()
    {
        var body = HandoffJson.Read(
            $$"""{"pipeline_id":"p","task_id":"t","work_summary":"{{WorkflowContext.Summary}}","agent_id":"someone-else","status":"approved","x_ticket":"OPS-7"}""",
            HandoffJsonContext.Default.CreateHandoffReportRequest).GetValueOrThrow();

        var report = (await Workflow.CreateAsync(WorkflowContext.Agent, body)).Report;
        var written = JsonNode.Parse(HandoffJson.Serialize(report))!;

        Assert.Equal("agent-1", written["agent_id"]!.GetValue<string>());
        Assert.Equal("draft", written["status"]!.GetValue<string>());
        Assert.Equal("OPS-7", written["x_ticket"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateAsync_BadFields_RefusesWithOneErrorPerFieldAndPublishesTheFailure()
    {
        var request = new CreateHandoffReportRequest { PipelineId = " ", TaskId = "t", WorkSummary = "too short", QualityScore = 2, TestCoveragePercentage = 101 };

        var ex = await Assert.ThrowsAsync<SecurityException>(() => Workflow.CreateAsync(WorkflowContext.Agent, request));

        Assert.Equal(SecurityErrorCodes.ValidationFailed, ex.Code);
        var errors = (IReadOnlyList<HandoffValidationError>)ex.Details![HandoffValidation.ErrorsDetailKey]!;
        Assert.Equal(
            new[] { "pipeline_id", "quality_score", "test_coverage_percentage", "work_summary" },
            errors.Select(e => e.Field).Order());
        var failure = Assert.Single(_context.Events.Events);
        Assert.Equal((SecurityEventTypes.HandoffReportCreated, SecurityEventOutcomes.Failure, SecurityErrorCodes.ValidationFailed), (failure.Type, failure.Outcome, failure.ReasonCode));
        Assert.Equal("pipeline_id,work_summary,quality_score,test_coverage_percentage", failure.Details["fields"]);
    }

    [Fact]
    public async Task UpdateAsync_ByTheAgentInDraft_ChangesGivenFieldsOnly()
    {
        var created = await Workflow.CreateAsync(WorkflowContext.Agent, WorkflowContext.NewReport());
        _context.Time.Advance(TimeSpan.FromMinutes(5));

        var updated = await Workflow.UpdateAsync(WorkflowContext.Agent, created.Report.ReportId,
            new UpdateHandoffReportRequest { Achievements = ["p99 under 200 ms"], QualityScore = 0.8, Attachments = ["log.txt"] });

        Assert.Equal(2, updated.Revision);
        Assert.Equal(["p99 under 200 ms"], updated.Report.Achievements);
        Assert.Equal(0.8, updated.Report.QualityScore);
        Assert.Equal(WorkflowContext.Summary, updated.Report.WorkSummary);
        Assert.Equal(created.Report.CreatedAt.AddMinutes(5), updated.Report.UpdatedAt);
        Assert.Equal("achievements,attachments,quality_score", _context.Events.Events[^1].Details["fields"]);
    }

    [Fact]
    public async Task UpdateAsync_ByAnotherCaller_IsRefused()
    {
        var created = await Workflow.CreateAsync(WorkflowContext.Agent, WorkflowContext.NewReport());

        var ex = await Assert.ThrowsAsync<SecurityException>(() =>
            Workflow.UpdateAsync(WorkflowContext.OtherAgent, created.Report.ReportId, new UpdateHandoffReportRequest { QualityScore = 1 }));

        Assert.Equal(SecurityErrorCodes.InsufficientPermissions, ex.Code);
        Assert.Equal(1, (await Workflow.GetAsync(created.Report.ReportId)).Revision);
        Assert.Equal(SecurityEventOutcomes.Failure, _context.Events.Events[^1].Outcome);
    }

    [Fact]
    public async Task UpdateAsync_UnknownReport_IsNotFound()
    {
        var ex = await Assert.ThrowsAsync<SecurityException>(() =>
            Workflow.UpdateAsync(WorkflowContext.Agent, "handoff_missing", new UpdateHandoffReportRequest()));

        Assert.Equal(SecurityErrorCodes.NotFound, ex.Code);
    }

    [Fact]
    public async Task SubmitAsync_IncompleteReport_IsRefusedNamingWhatIsMissing()
    {
        var created = await Workflow.CreateAsync(WorkflowContext.Agent, WorkflowContext.NewReport());

        var ex = await Assert.ThrowsAsync<SecurityException>(() =>
            Workflow.SubmitAsync(WorkflowContext.Agent, created.Report.ReportId, new SubmitHandoffReportRequest()));

        Assert.Equal(SecurityErrorCodes.HandoffReportIncomplete, ex.Code);
        Assert.Equal(["phase6_components", "overall_phase6_progress"], (string[])ex.Details!["missing"]!);
    }

    [Fact]
    public async Task SubmitAsync_CompleteDraft_BecomesSubmittedWithNotesAndAttachments()
    {
        var draft = await _context.CompleteDraftAsync();
        _context.Time.Advance(TimeSpan.FromHours(1));

        var submitted = await Workflow.SubmitAsync(WorkflowContext.Agent, draft.Report.ReportId,
            new SubmitHandoffReportRequest { ReportId = draft.Report.ReportId, AgentId = "agent-1", SubmissionNotes = "Ready.", Attachments = ["a.txt", "a.txt"] });

        Assert.Equal(HandoffReportStatus.Submitted, submitted.Report.Status);
        Assert.Equal(HandoffTimestampConverter.Normalize(_context.Time.GetUtcNow()), submitted.Report.SubmittedAt);
        Assert.Equal(["a.txt"], submitted.Report.Attachments);
        Assert.Equal("Ready.", submitted.Report.ExtensionData![SubmitHandoffReportRequest.SubmissionNotesField].GetString());
        var published = _context.Events.Events[^1];
        Assert.Equal((SecurityEventTypes.HandoffReportSubmitted, "draft", "submitted"), (published.Type, published.Details["previous_status"], published.Details["status"]));
    }

    [Fact]
    public async Task SubmitAsync_AgentIdOfSomeoneElse_IsAFieldMismatch()
    {
        var draft = await _context.CompleteDraftAsync();

        var ex = await Assert.ThrowsAsync<SecurityException>(() =>
            Workflow.SubmitAsync(WorkflowContext.Agent, draft.Report.ReportId, new SubmitHandoffReportRequest { AgentId = "agent-2" }));

        var error = Assert.Single((IReadOnlyList<HandoffValidationError>)ex.Details![HandoffValidation.ErrorsDetailKey]!);
        Assert.Equal(("agent_id", HandoffValidationCodes.Mismatch), (error.Field, error.Code));
    }

    [Fact]
    public async Task SubmitAsync_AlreadySubmitted_IsAnInvalidTransitionNamingBothStatuses()
    {
        var draft = await _context.CompleteDraftAsync();
        await Workflow.SubmitAsync(WorkflowContext.Agent, draft.Report.ReportId, new SubmitHandoffReportRequest());

        var ex = await Assert.ThrowsAsync<SecurityException>(() =>
            Workflow.SubmitAsync(WorkflowContext.Agent, draft.Report.ReportId, new SubmitHandoffReportRequest()));

        Assert.Equal(SecurityErrorCodes.HandoffInvalidTransition, ex.Code);
        Assert.Equal(("submitted", "submitted"), ((string)ex.Details!["current_status"]!, (string)ex.Details["requested_status"]!));
        Assert.Contains("'submitted' and cannot become 'submitted'", ex.Message, StringComparison.Ordinal);
        var failure = _context.Events.Events[^1];
        Assert.Equal((SecurityErrorCodes.HandoffInvalidTransition, "submitted", "submitted"), (failure.ReasonCode, failure.Details["current_status"], failure.Details["requested_status"]));
    }

    [Fact]
    public async Task UpdateAsync_AfterSubmission_IsRefusedAsNotEditable()
    {
        var draft = await _context.CompleteDraftAsync();
        await Workflow.SubmitAsync(WorkflowContext.Agent, draft.Report.ReportId, new SubmitHandoffReportRequest());

        var ex = await Assert.ThrowsAsync<SecurityException>(() =>
            Workflow.UpdateAsync(WorkflowContext.Agent, draft.Report.ReportId, new UpdateHandoffReportRequest { QualityScore = 1 }));

        Assert.Equal(SecurityErrorCodes.HandoffReportNotEditable, ex.Code);
        Assert.Equal("submitted", ex.Details!["current_status"]);
    }

    [Fact]
    public async Task ReviewAsync_ByTheReportsOwnAgent_IsRefused()
    {
        var draft = await _context.CompleteDraftAsync();
        await Workflow.SubmitAsync(WorkflowContext.Agent, draft.Report.ReportId, new SubmitHandoffReportRequest());

        var ex = await Assert.ThrowsAsync<SecurityException>(() =>
            Workflow.ReviewAsync(WorkflowContext.Agent, draft.Report.ReportId, Review(ReviewDecision.Rejected)));

        Assert.Equal(SecurityErrorCodes.HandoffSeparationOfDuties, ex.Code);
    }

    [Fact]
    public async Task ReviewAsync_OnADraft_IsAnInvalidTransition()
    {
        var draft = await _context.CompleteDraftAsync();

        var ex = await Assert.ThrowsAsync<SecurityException>(() =>
            Workflow.ReviewAsync(WorkflowContext.Reviewer, draft.Report.ReportId, Review(ReviewDecision.AmendmentsRequired)));

        Assert.Equal(SecurityErrorCodes.HandoffInvalidTransition, ex.Code);
        Assert.Equal(("draft", "amendments_required"), ((string)ex.Details!["current_status"]!, (string)ex.Details["requested_status"]!));
    }

    [Fact]
    public async Task ReviewAsync_ShortComments_IsRefusedNamingTheField()
    {
        var draft = await _context.CompleteDraftAsync();
        await Workflow.SubmitAsync(WorkflowContext.Agent, draft.Report.ReportId, new SubmitHandoffReportRequest());

        var ex = await Assert.ThrowsAsync<SecurityException>(() => Workflow.ReviewAsync(WorkflowContext.Reviewer, draft.Report.ReportId,
            new ReviewHandoffReportRequest { ReviewStatus = ReviewDecision.Rejected, ReviewComments = "  no  ", ReviewerId = "reviewer-2" }));

        var errors = (IReadOnlyList<HandoffValidationError>)ex.Details![HandoffValidation.ErrorsDetailKey]!;
        Assert.Equal([("review_comments", HandoffValidationCodes.TooShort), ("reviewer_id", HandoffValidationCodes.Mismatch)], errors.Select(e => (e.Field, e.Code)).Order());
    }

    [Fact]
    public async Task ReviewAsync_AmendmentsThenResubmit_GoesBackThroughTheCycle()
    {
        var draft = await _context.CompleteDraftAsync();
        var id = draft.Report.ReportId;
        await Workflow.SubmitAsync(WorkflowContext.Agent, id, new SubmitHandoffReportRequest());
        _context.Time.Advance(TimeSpan.FromDays(1));

        var reviewed = await Workflow.ReviewAsync(WorkflowContext.Reviewer, id, Review(ReviewDecision.AmendmentsRequired));
        Assert.Equal(HandoffReportStatus.AmendmentsRequired, reviewed.Report.Status);
        Assert.Equal("Reviewed the retry limits and the envelope.", reviewed.Report.ReviewFeedback);
        Assert.Equal(HandoffTimestampConverter.Normalize(_context.Time.GetUtcNow()), reviewed.Report.ReviewedAt);
        Assert.Equal("reviewer-1", reviewed.Report.ExtensionData!["reviewer_id"].GetString());

        await Workflow.UpdateAsync(WorkflowContext.Agent, id, new UpdateHandoffReportRequest { TestsWritten = ["RetryTests"] });
        var resubmitted = await Workflow.SubmitAsync(WorkflowContext.Agent, id, new SubmitHandoffReportRequest());

        Assert.Equal(HandoffReportStatus.Submitted, resubmitted.Report.Status);
        Assert.Equal(["RetryTests"], resubmitted.Report.TestsWritten);
    }

    [Fact]
    public async Task ReviewAsync_ApproveWithoutSignOffs_IsRefusedNamingTheMissingRoles()
    {
        var draft = await _context.CompleteDraftAsync();
        await Workflow.SubmitAsync(WorkflowContext.Agent, draft.Report.ReportId, new SubmitHandoffReportRequest());
        StoredReports.Change(_context.Repository, draft.Report.ReportId, r =>
            r.SignOffsReceived.Add(StoredReports.SignOff(SignOffRole.Developer, SignOffDecision.Approved, r.UpdatedAt, null)));

        var ex = await Assert.ThrowsAsync<SecurityException>(() =>
            Workflow.ReviewAsync(WorkflowContext.Reviewer, draft.Report.ReportId, Review(ReviewDecision.Approved)));

        Assert.Equal(SecurityErrorCodes.HandoffSignOffsMissing, ex.Code);
        Assert.Equal(["tech_lead", "qa_engineer"], (string[])ex.Details!["missing_roles"]!);
        Assert.Equal("partially_approved", ex.Details["sign_off_status"]);
        Assert.Equal("tech_lead,qa_engineer", _context.Events.Events[^1].Details["missing_roles"]);
    }

    [Fact]
    public async Task ReviewAsync_ApproveWithEveryRequiredSignOff_ApprovesAndThenTheReportIsFinal()
    {
        var draft = await _context.CompleteDraftAsync();
        var id = draft.Report.ReportId;
        await Workflow.SubmitAsync(WorkflowContext.Agent, id, new SubmitHandoffReportRequest());
        StoredReports.Change(_context.Repository, id, r => r.SignOffsReceived.AddRange(
            r.SignOffsRequired.Select(role => StoredReports.SignOff(role, SignOffDecision.Approved, r.UpdatedAt, r.UpdatedAt.AddDays(30)))));

        var approval = Review(ReviewDecision.Approved);
        approval.QualityScore = 0.95;
        var approved = await Workflow.ReviewAsync(WorkflowContext.Reviewer, id, approval);

        Assert.Equal(HandoffReportStatus.Approved, approved.Report.Status);
        Assert.Equal(SignOffStatus.Approved, approved.Report.SignOffStatus);
        Assert.Equal(approved.Report.ReviewedAt, approved.Report.ApprovedAt);
        Assert.Equal(0.95, approved.Report.QualityScore);

        var again = await Assert.ThrowsAsync<SecurityException>(() => Workflow.ReviewAsync(WorkflowContext.Reviewer, id, Review(ReviewDecision.Rejected)));
        Assert.Equal(SecurityErrorCodes.HandoffInvalidTransition, again.Code);
        Assert.Contains("none, it is final", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReviewAsync_ApproveAfterASignOffExpired_IsRefused()
    {
        var draft = await _context.CompleteDraftAsync();
        var id = draft.Report.ReportId;
        await Workflow.SubmitAsync(WorkflowContext.Agent, id, new SubmitHandoffReportRequest());
        var now = _context.Time.GetUtcNow();
        StoredReports.Change(_context.Repository, id, r => r.SignOffsReceived.AddRange(
            r.SignOffsRequired.Select(role => StoredReports.SignOff(role, SignOffDecision.Approved, now, role == SignOffRole.QaEngineer ? now.AddDays(1) : now.AddDays(30)))));

        _context.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(SignOffStatus.PartiallyApproved, (await Workflow.GetAsync(id)).Report.SignOffStatus);
        var ex = await Assert.ThrowsAsync<SecurityException>(() => Workflow.ReviewAsync(WorkflowContext.Reviewer, id, Review(ReviewDecision.Approved)));

        Assert.Equal(SecurityErrorCodes.HandoffSignOffsMissing, ex.Code);
        Assert.Equal(["qa_engineer"], (string[])ex.Details!["missing_roles"]!);
    }

    [Fact]
    public async Task ReviewAsync_Rejected_IsFinalForEveryLaterStep()
    {
        var draft = await _context.CompleteDraftAsync();
        var id = draft.Report.ReportId;
        await Workflow.SubmitAsync(WorkflowContext.Agent, id, new SubmitHandoffReportRequest());
        await Workflow.ReviewAsync(WorkflowContext.Reviewer, id, Review(ReviewDecision.Rejected));

        var submit = await Assert.ThrowsAsync<SecurityException>(() => Workflow.SubmitAsync(WorkflowContext.Agent, id, new SubmitHandoffReportRequest()));
        var phase7 = await Assert.ThrowsAsync<SecurityException>(() =>
            Workflow.UpdatePhase7ComponentAsync(WorkflowContext.Agent, id, new UpdatePhase7ComponentRequest { ComponentType = Phase7ComponentType.ApiSecurity }));

        Assert.Equal((SecurityErrorCodes.HandoffInvalidTransition, "rejected"), (submit.Code, (string)submit.Details!["current_status"]!));
        Assert.Equal((SecurityErrorCodes.HandoffReportNotEditable, "rejected"), (phase7.Code, (string)phase7.Details!["current_status"]!));
    }

    [Fact]
    public async Task UpdatePhase6ComponentAsync_TwoComponents_OverallProgressIsTheMeanAndTimesAreStamped()
    {
        var created = await Workflow.CreateAsync(WorkflowContext.Agent, WorkflowContext.NewReport());
        var id = created.Report.ReportId;
        var start = HandoffTimestampConverter.Normalize(_context.Time.GetUtcNow());

        await Workflow.UpdatePhase6ComponentAsync(WorkflowContext.Agent, id, new UpdatePhase6ComponentRequest
        {
            ComponentType = ComponentType.RetryMechanisms, Status = Phase6ComponentStatus.InProgress, ProgressPercentage = 50,
        });
        _context.Time.Advance(TimeSpan.FromHours(2));
        var entry = await Workflow.UpdatePhase6ComponentAsync(WorkflowContext.Agent, id, new UpdatePhase6ComponentRequest
        {
            ComponentType = ComponentType.ApiContracts, Status = Phase6ComponentStatus.Verified, ProgressPercentage = 100, Notes = "Contract tests green.",
        });
        entry = await Workflow.UpdatePhase6ComponentAsync(WorkflowContext.Agent, id, new UpdatePhase6ComponentRequest
        {
            ComponentType = ComponentType.RetryMechanisms, Status = Phase6ComponentStatus.InProgress, ProgressPercentage = 70,
        });

        Assert.Equal(85, entry.Report.OverallPhase6Progress);
        var retry = entry.Report.Phase6Components.Single(c => c.ComponentType == ComponentType.RetryMechanisms);
        Assert.Equal(start, retry.StartedAt);
        Assert.Null(retry.CompletedAt);
        var contracts = entry.Report.Phase6Components.Single(c => c.ComponentType == ComponentType.ApiContracts);
        Assert.Equal(start.AddHours(2), contracts.CompletedAt);
        var published = _context.Events.Events[^1];
        Assert.Equal((SecurityEventTypes.HandoffComponentUpdated, "6", "retry_mechanisms", "in_progress"),
            (published.Type, published.Details["phase"], published.Details["component_type"], published.Details["previous_component_status"]));
    }

    [Fact]
    public async Task UpdatePhase7ComponentAsync_WhileSubmitted_CreatesAndUpdatesTheComponent()
    {
        var draft = await _context.CompleteDraftAsync();
        var id = draft.Report.ReportId;
        await Workflow.SubmitAsync(WorkflowContext.Agent, id, new SubmitHandoffReportRequest());

        await Workflow.UpdatePhase7ComponentAsync(WorkflowContext.Agent, id, new UpdatePhase7ComponentRequest
        {
            ComponentType = Phase7ComponentType.JwtAuthService, Status = Phase7ComponentStatus.InProgress, CompletionPercentage = 40,
            PerformanceMetrics = new Dictionary<string, double> { ["p99_ms"] = 4.5 },
        });
        var entry = await Workflow.UpdatePhase7ComponentAsync(WorkflowContext.Agent, id, new UpdatePhase7ComponentRequest
        {
            ComponentType = Phase7ComponentType.JwtAuthService, Status = Phase7ComponentStatus.Completed, CompletionPercentage = 100, SecurityScore = 0.92,
        });

        var component = Assert.Single(entry.Report.Phase7Components);
        Assert.Matches("^component_[0-9a-f]{32}$", component.Id);
        Assert.Equal(id, component.ReportId);
        Assert.Equal((Phase7ComponentStatus.Completed, 100d, 0.92), (component.Status, component.CompletionPercentage, component.SecurityScore));
        Assert.Equal(4.5, component.PerformanceMetrics["p99_ms"]);
        Assert.NotNull(component.CompletedAt);
    }

    [Fact]
    public async Task UpdatePhase7ComponentAsync_SignedOffRequested_IsNotAllowed()
    {
        var created = await Workflow.CreateAsync(WorkflowContext.Agent, WorkflowContext.NewReport());

        var ex = await Assert.ThrowsAsync<SecurityException>(() => Workflow.UpdatePhase7ComponentAsync(WorkflowContext.Agent, created.Report.ReportId,
            new UpdatePhase7ComponentRequest { ComponentType = Phase7ComponentType.ApiSecurity, Status = Phase7ComponentStatus.SignedOff }));

        var error = Assert.Single((IReadOnlyList<HandoffValidationError>)ex.Details![HandoffValidation.ErrorsDetailKey]!);
        Assert.Equal(("status", HandoffValidationCodes.NotAllowed), (error.Field, error.Code));
    }

    [Fact]
    public async Task UpdatePhase7ComponentAsync_SignedOffComponent_CannotChange()
    {
        var created = await Workflow.CreateAsync(WorkflowContext.Agent, WorkflowContext.NewReport());
        var id = created.Report.ReportId;
        await Workflow.UpdatePhase7ComponentAsync(WorkflowContext.Agent, id, new UpdatePhase7ComponentRequest { ComponentType = Phase7ComponentType.ApiSecurity });
        StoredReports.Change(_context.Repository, id, r => r.Phase7Components[0].Status = Phase7ComponentStatus.SignedOff);

        var ex = await Assert.ThrowsAsync<SecurityException>(() => Workflow.UpdatePhase7ComponentAsync(WorkflowContext.Agent, id,
            new UpdatePhase7ComponentRequest { ComponentType = Phase7ComponentType.ApiSecurity, Status = Phase7ComponentStatus.InProgress }));

        Assert.Equal(SecurityErrorCodes.HandoffInvalidTransition, ex.Code);
        Assert.Equal(("signed_off", "in_progress"), ((string)ex.Details!["current_status"]!, (string)ex.Details["requested_status"]!));
    }

    [Fact]
    public async Task Write_WithAStaleExpectedRevision_IsAConflictAndChangesNothing()
    {
        var created = await Workflow.CreateAsync(WorkflowContext.Agent, WorkflowContext.NewReport());
        var id = created.Report.ReportId;
        await Workflow.UpdateAsync(WorkflowContext.Agent, id, new UpdateHandoffReportRequest { QualityScore = 0.5 }, expectedRevision: 1);

        var ex = await Assert.ThrowsAsync<SecurityException>(() =>
            Workflow.UpdateAsync(WorkflowContext.Agent, id, new UpdateHandoffReportRequest { QualityScore = 0.9 }, expectedRevision: 1));

        Assert.Equal(SecurityErrorCodes.HandoffRevisionConflict, ex.Code);
        Assert.Equal((1L, 2L), ((long)ex.Details!["expected_revision"]!, (long)ex.Details["current_revision"]!));
        Assert.Equal(0.5, (await Workflow.GetAsync(id)).Report.QualityScore);
    }

    [Fact]
    public async Task Write_LosingARaceWithoutExpectedRevision_IsReappliedSoNeitherChangeIsLost()
    {
        var created = await Workflow.CreateAsync(WorkflowContext.Agent, WorkflowContext.NewReport());
        var id = created.Report.ReportId;
        _context.Repository.BeforeNextSave = () => StoredReports.Change(_context.Repository, id, r =>
            r.Phase6Components.Add(new Phase6ComponentProgress { ComponentType = ComponentType.CircuitBreaker, ProgressPercentage = 30 }));

        var entry = await Workflow.UpdatePhase6ComponentAsync(WorkflowContext.Agent, id, new UpdatePhase6ComponentRequest
        {
            ComponentType = ComponentType.ErrorHandling, Status = Phase6ComponentStatus.Completed, ProgressPercentage = 100,
        });

        Assert.Equal(3, entry.Revision);
        Assert.Equal([ComponentType.CircuitBreaker, ComponentType.ErrorHandling], entry.Report.Phase6Components.Select(c => c.ComponentType));
        Assert.Equal(65, entry.Report.OverallPhase6Progress);
        Assert.Equal(HandoffJson.Serialize(entry.Report), HandoffJson.Serialize((await Workflow.GetAsync(id)).Report));
    }

    [Fact]
    public async Task Write_LosingARaceWithExpectedRevision_IsAConflictAndKeepsTheOtherWrite()
    {
        var created = await Workflow.CreateAsync(WorkflowContext.Agent, WorkflowContext.NewReport());
        var id = created.Report.ReportId;
        _context.Repository.BeforeNextSave = () => StoredReports.Change(_context.Repository, id, r => r.LessonsLearned.Add("theirs"));

        var ex = await Assert.ThrowsAsync<SecurityException>(() =>
            Workflow.UpdateAsync(WorkflowContext.Agent, id, new UpdateHandoffReportRequest { Achievements = ["mine"] }, expectedRevision: 1));

        Assert.Equal(SecurityErrorCodes.HandoffRevisionConflict, ex.Code);
        var stored = (await Workflow.GetAsync(id)).Report;
        Assert.Equal(["theirs"], stored.LessonsLearned);
        Assert.Empty(stored.Achievements);
    }

    [Fact]
    public async Task Write_ConcurrentComponentUpdates_AllLand()
    {
        var created = await Workflow.CreateAsync(WorkflowContext.Agent, WorkflowContext.NewReport());
        var id = created.Report.ReportId;
        var types = Enum.GetValues<ComponentType>();

        await Task.WhenAll(types.Select(t => Task.Run(() => Workflow.UpdatePhase6ComponentAsync(WorkflowContext.Agent, id, new UpdatePhase6ComponentRequest
        {
            ComponentType = t, Status = Phase6ComponentStatus.InProgress, ProgressPercentage = 10,
        }))));

        var report = (await Workflow.GetAsync(id)).Report;
        Assert.Equal(types.Order(), report.Phase6Components.Select(c => c.ComponentType).Order());
    }

    [Fact]
    public async Task Write_OnAnImportedPhase6Report_KeepsItsUnknownFields()
    {
        var imported = HandoffJson.ReadEnhancedReport(Fixtures.Read("phase6/amendments-required-no-signoffs.json")).GetValueOrThrow();
        imported.ExtensionData = new() { ["phase6_trace_id"] = System.Text.Json.JsonDocument.Parse("\"trace-1\"").RootElement.Clone() };
        imported.Phase6Components[0].ExtensionData = new() { ["x_shard"] = System.Text.Json.JsonDocument.Parse("3").RootElement.Clone() };
        Assert.True(_context.Repository.TrySave(StoredReports.ToStored(imported), 0));
        var owner = McpSecurity.SecurityCore.Authorization.ActingPrincipal.Subject(imported.AgentId);

        await Workflow.UpdateAsync(owner, imported.ReportId, new UpdateHandoffReportRequest { TestsWritten = ["IntegrationTests"] });
        var written = JsonNode.Parse(HandoffJson.Serialize((await Workflow.GetAsync(imported.ReportId)).Report))!;

        Assert.Equal("trace-1", written["phase6_trace_id"]!.GetValue<string>());
        Assert.Equal(3, written["phase6_components"]![0]!["x_shard"]!.GetValue<int>());
        Assert.Equal("IntegrationTests", written["tests_written"]![0]!.GetValue<string>());
        Assert.Equal(HandoffJson.ReadReport(written.ToJsonString()).Errors, []);
    }

    [Fact]
    public async Task EveryStep_PublishesOneEventOfItsType()
    {
        var draft = await _context.CompleteDraftAsync();
        var id = draft.Report.ReportId;
        await Workflow.UpdateAsync(WorkflowContext.Agent, id, new UpdateHandoffReportRequest { QualityScore = 0.7 });
        await Workflow.UpdatePhase7ComponentAsync(WorkflowContext.Agent, id, new UpdatePhase7ComponentRequest { ComponentType = Phase7ComponentType.ComplianceAudit });
        await Workflow.SubmitAsync(WorkflowContext.Agent, id, new SubmitHandoffReportRequest());
        await Workflow.ReviewAsync(WorkflowContext.Reviewer, id, Review(ReviewDecision.Rejected));

        Assert.Equal(
            [
                SecurityEventTypes.HandoffReportCreated, SecurityEventTypes.HandoffComponentUpdated, SecurityEventTypes.HandoffReportUpdated,
                SecurityEventTypes.HandoffComponentUpdated, SecurityEventTypes.HandoffReportSubmitted, SecurityEventTypes.HandoffReportReviewed,
            ],
            _context.Events.Events.Select(e => e.Type));
        Assert.All(_context.Events.Events, e => Assert.Equal((SecurityEventOutcomes.Success, id), (e.Outcome, e.Target)));
        Assert.Equal(["1", "2", "3", "4", "5", "6"], _context.Events.Events.Select(e => e.Details["revision"]));
        Assert.Equal(("reviewer-1", "rejected"), (_context.Events.Events[^1].SubjectId, _context.Events.Events[^1].Details["review_status"]));
    }
}
