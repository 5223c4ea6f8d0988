using System.Text.Json.Nodes;
using McpSecurity.Handoff;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Compliance;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.SecurityCore.Storage;
using McpSecurity.Tests.Handoff.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace McpSecurity.Tests.Handoff.SignOff;

public sealed class HandoffSignOffServiceTests : IAsyncLifetime
{
    private readonly SignOffContext _context = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private IHandoffSignOffService SignOffs => _context.SignOffs;

    [Fact]
    public async Task SignOffAsync_EveryRequiredRoleApprovesWithTotp_ReportApprovedAndComponentSignedOffByItself()
    {
        var id = await _context.SubmittedReportAsync();
        var dev = await _context.SignerAsync("dev", [Roles.Developer]);
        var lead = await _context.SignerAsync("lead", [Roles.TechLead]);
        var qa = await _context.SignerAsync("quality", [Roles.QaEngineer]);

        var first = await SignOffs.SignOffAsync(dev, id, SignOffContext.Approve(SignOffRole.Developer, _context.Totp(dev)));
        Assert.Equal(HandoffReportStatus.UnderReview, first.Entry.Report.Status);
        Assert.Equal(SignOffStatus.PartiallyApproved, first.Entry.Report.SignOffStatus);
        Assert.True(first.SignOff.TwoFactorAuthenticated);
        Assert.Equal(1.0, first.SignOff.SecurityScore);
        Assert.Equal(_context.Time.GetUtcNow().AddDays(30), first.SignOff.ExpiresAt);
        Assert.Equal(Phase7ComponentStatus.UnderReview, first.Entry.Report.Phase7Components[0].Status);

        await SignOffs.SignOffAsync(lead, id, SignOffContext.Approve(SignOffRole.TechLead, _context.Totp(lead)));
        var last = await SignOffs.SignOffAsync(qa, id, SignOffContext.Approve(SignOffRole.QaEngineer, _context.Totp(qa)));

        Assert.Equal(SignOffStatus.Approved, last.Entry.Report.SignOffStatus);
        var component = Assert.Single(last.Entry.Report.Phase7Components);
        Assert.Equal(Phase7ComponentStatus.SignedOff, component.Status);
        Assert.Equal([Phase7ComponentType.RateLimitingService], last.SignedOffComponents);
        Assert.Equal(3, component.SignedOffBy.Count);
        var events = await _context.RecordedAsync();
        Assert.Equal(3, events.Count(e => e.Type == SecurityEventTypes.HandoffSignedOff && e.Outcome == SecurityEventOutcomes.Success));
        var signedOff = Assert.Single(events, e => e.Type == SecurityEventTypes.HandoffComponentSignedOff);
        Assert.Equal("rate_limiting_service", signedOff.Details["component_type"]);
        Assert.All(events, e => Assert.DoesNotContain(e.Details.Values, v => v == _context.Totp(qa)));
    }

    [Fact]
    public async Task SignOffAsync_ApprovalWithoutCode_RefusedTwoFactorRequired_RejectionWithoutCodeAccepted()
    {
        var id = await _context.SubmittedReportAsync();
        var dev = await _context.SignerAsync("dev", [Roles.Developer]);

        var refusal = await Assert.ThrowsAsync<SecurityException>(() => SignOffs.SignOffAsync(dev, id, SignOffContext.Approve(SignOffRole.Developer, null)));
        Assert.Equal(SecurityErrorCodes.HandoffTwoFactorRequired, refusal.Code);

        var rejected = await SignOffs.SignOffAsync(dev, id, new SignOffHandoffReportRequest { SignOffRole = SignOffRole.Developer, Status = SignOffDecision.Rejected, Comments = "Retry storms." });
        Assert.Equal(SignOffStatus.Rejected, rejected.Entry.Report.SignOffStatus);
        Assert.False(rejected.SignOff.TwoFactorAuthenticated);
        var failure = Assert.Single(await _context.RecordedAsync(SecurityEventTypes.HandoffSignedOff), e => e.Outcome == SecurityEventOutcomes.Failure);
        Assert.Equal(SecurityErrorCodes.HandoffTwoFactorRequired, failure.ReasonCode);
    }

    [Fact]
    public async Task SignOffAsync_PolicyAsksForRejectionsToo_RejectionWithoutCodeRefused()
    {
        await using var context = new SignOffContext(new() { ["Handoff:SignOff:RoleTwoFactorDecisions:developer:0"] = "rejected" });
        var id = await context.SubmittedReportAsync();
        var dev = await context.SignerAsync("dev", [Roles.Developer]);

        var refusal = await Assert.ThrowsAsync<SecurityException>(() => context.SignOffs.SignOffAsync(dev, id,
            new SignOffHandoffReportRequest { SignOffRole = SignOffRole.Developer, Status = SignOffDecision.Rejected }));

        Assert.Equal(SecurityErrorCodes.HandoffTwoFactorRequired, refusal.Code);
    }

    [Fact]
    public async Task SignOffAsync_WrongCode_RefusedAndCountedAsAFailure()
    {
        var id = await _context.SubmittedReportAsync();
        var dev = await _context.SignerAsync("dev", [Roles.Developer]);

        var refusal = await Assert.ThrowsAsync<SecurityException>(() => SignOffs.SignOffAsync(dev, id, SignOffContext.Approve(SignOffRole.Developer, _context.WrongTotp(dev))));

        Assert.Equal(SecurityErrorCodes.TwoFactorInvalidCode, refusal.Code);
        Assert.Contains(await _context.RecordedAsync(SecurityEventTypes.TwoFactorFailed), e => e.SubjectId == dev.Principal.Id);
        var report = (await _context.Workflow.GetAsync(id)).Report;
        Assert.Empty(report.SignOffsReceived);
        Assert.Equal(HandoffReportStatus.Submitted, report.Status);
    }

    [Fact]
    public async Task SignOffAsync_ReplayedCode_Refused()
    {
        var first = await _context.SubmittedReportAsync();
        var second = await _context.SubmittedReportAsync();
        var dev = await _context.SignerAsync("dev", [Roles.Developer]);
        var code = _context.Totp(dev);
        await SignOffs.SignOffAsync(dev, first, SignOffContext.Approve(SignOffRole.Developer, code));

        var refusal = await Assert.ThrowsAsync<SecurityException>(() => SignOffs.SignOffAsync(dev, second, SignOffContext.Approve(SignOffRole.Developer, code)));

        Assert.Equal(SecurityErrorCodes.TwoFactorInvalidCode, refusal.Code);
    }

    [Fact]
    public async Task SignOffAsync_RoleNotHeld_Refused()
    {
        var id = await _context.SubmittedReportAsync();
        var dev = await _context.SignerAsync("dev", [Roles.Developer]);

        var refusal = await Assert.ThrowsAsync<SecurityException>(() => SignOffs.SignOffAsync(dev, id, SignOffContext.Approve(SignOffRole.TechLead, _context.Totp(dev))));

        Assert.Equal(SecurityErrorCodes.HandoffRoleNotHeld, refusal.Code);
    }

    [Fact]
    public async Task SignOffAsync_SamePersonInAnotherRole_RefusedSeparationOfDuties()
    {
        var id = await _context.SubmittedReportAsync();
        var both = await _context.SignerAsync("both", [Roles.Developer, Roles.TechLead]);
        await SignOffs.SignOffAsync(both, id, SignOffContext.Approve(SignOffRole.Developer, _context.Totp(both)));
        _context.Time.Advance(TimeSpan.FromSeconds(30));

        var refusal = await Assert.ThrowsAsync<SecurityException>(() => SignOffs.SignOffAsync(both, id, SignOffContext.Approve(SignOffRole.TechLead, _context.Totp(both))));

        Assert.Equal(SecurityErrorCodes.HandoffDuplicateSigner, refusal.Code);
        var lead = await _context.SignerAsync("lead", [Roles.TechLead]);
        var fixedBySomeoneElse = await SignOffs.SignOffAsync(lead, id, SignOffContext.Approve(SignOffRole.TechLead, _context.Totp(lead)));
        Assert.Equal(2, fixedBySomeoneElse.Entry.Report.SignOffsReceived.Count);
    }

    [Fact]
    public async Task SignOffAsync_RecentFailedLogins_RefusedForLowSecurityScore_PassesOnceTheyAreOld()
    {
        var id = await _context.SubmittedReportAsync();
        var dev = await _context.SignerAsync("dev", [Roles.Developer]);
        var users = _context.Services.GetRequiredService<IUserService>();
        for (var i = 0; i < 4; i++)
        {
            await users.AuthenticateAsync("dev", "not-the-password");
        }

        var refusal = await Assert.ThrowsAsync<SecurityException>(() => SignOffs.SignOffAsync(dev, id, SignOffContext.Approve(SignOffRole.Developer, _context.Totp(dev))));

        Assert.Equal(SecurityErrorCodes.HandoffSecurityScoreTooLow, refusal.Code);
        Assert.Contains("recent_failures", refusal.Message, StringComparison.Ordinal);
        var recorded = Assert.Single(await _context.RecordedAsync(SecurityEventTypes.HandoffSignedOff));
        Assert.Equal("0.76", recorded.Details["security_score"]);

        _context.Time.Advance(TimeSpan.FromHours(25));
        var passed = await SignOffs.SignOffAsync(dev, id, SignOffContext.Approve(SignOffRole.Developer, _context.Totp(dev)));
        Assert.True(passed.SignOff.SecurityScore >= 0.8);
    }

    [Fact]
    public async Task SignOffAsync_AddressWithBadReputation_Refused_PassesOnceTheObservationsAreOld()
    {
        var id = await _context.SubmittedReportAsync();
        var dev = await _context.SignerAsync("dev", [Roles.Developer], address: "203.0.113.9");
        for (var i = 0; i < 5; i++)
        {
            await _context.Events.PublishAsync(new SecurityEvent
            {
                Type = SecurityEventTypes.LoginFailed, OccurredAt = _context.Time.GetUtcNow(), Outcome = SecurityEventOutcomes.Failure,
                SubjectId = "usr_someone_else", Address = "203.0.113.9", ReasonCode = SecurityErrorCodes.InvalidCredentials,
            });
        }

        await _context.Events.PublishAsync(new SecurityEvent { Type = SecurityEventTypes.RefreshTokenReuse, OccurredAt = _context.Time.GetUtcNow(), Outcome = SecurityEventOutcomes.Failure, Address = "203.0.113.9" });

        var refusal = await Assert.ThrowsAsync<SecurityException>(() => SignOffs.SignOffAsync(dev, id, SignOffContext.Approve(SignOffRole.Developer, _context.Totp(dev))));

        Assert.Equal(SecurityErrorCodes.HandoffIpReputationTooLow, refusal.Code);
        Assert.Contains("failed_logins", refusal.Message, StringComparison.Ordinal);

        _context.Time.Advance(TimeSpan.FromHours(25));
        var passed = await SignOffs.SignOffAsync(dev, id, SignOffContext.Approve(SignOffRole.Developer, _context.Totp(dev)));
        Assert.Equal("203.0.113.9", passed.SignOff.IpReputation!.Ip);
        Assert.Equal(1.0, passed.SignOff.IpReputation.Score);
    }

    [Fact]
    public async Task SignOffAsync_OpenCriticalIncidentOnTheComponent_RefusedUntilResolved()
    {
        var id = await _context.SubmittedReportAsync();
        var dev = await _context.SignerAsync("dev", [Roles.Developer]);
        await PublishIncidentAsync(SecurityEventTypes.IncidentOpened, "inc-1", "critical", "rate_limiting_service");
        await PublishIncidentAsync(SecurityEventTypes.IncidentOpened, "inc-2", "critical", "jwt_auth_service");

        var refusal = await Assert.ThrowsAsync<SecurityException>(() => SignOffs.SignOffAsync(dev, id, SignOffContext.Approve(SignOffRole.Developer, _context.Totp(dev))));

        Assert.Equal(SecurityErrorCodes.HandoffOpenCriticalIncidents, refusal.Code);
        Assert.Contains("inc-1", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("inc-2", refusal.Message, StringComparison.Ordinal);

        await PublishIncidentAsync(SecurityEventTypes.IncidentResolved, "inc-1", null, null);
        _context.Time.Advance(TimeSpan.FromSeconds(30));
        var passed = await SignOffs.SignOffAsync(dev, id, SignOffContext.Approve(SignOffRole.Developer, _context.Totp(dev)));
        Assert.Single(passed.Entry.Report.SignOffsReceived);
    }

    [Fact]
    public async Task SignOffAsync_FailingComplianceRun_RefusesRolesWhosePolicyRequiresIt()
    {
        var id = await _context.SubmittedReportAsync(Phase7ComponentType.JwtAuthService);
        var reviewer = await _context.SignerAsync("rev", [Roles.SecurityReviewer]);
        var dev = await _context.SignerAsync("dev", [Roles.Developer]);
        _context.Compliance.Latest = Run("non_compliant");

        var refusal = await Assert.ThrowsAsync<SecurityException>(() => SignOffs.SignOffAsync(reviewer, id,
            SignOffContext.Approve(SignOffRole.SecurityReviewer, _context.Totp(reviewer), Phase7ComponentType.JwtAuthService)));
        Assert.Equal(SecurityErrorCodes.HandoffComplianceFailing, refusal.Code);
        await SignOffs.SignOffAsync(dev, id, SignOffContext.Approve(SignOffRole.Developer, _context.Totp(dev)));

        _context.Compliance.Latest = Run("compliant");
        _context.Time.Advance(TimeSpan.FromSeconds(30));
        var passed = await SignOffs.SignOffAsync(reviewer, id, SignOffContext.Approve(SignOffRole.SecurityReviewer, _context.Totp(reviewer), Phase7ComponentType.JwtAuthService));
        var component = Assert.Single(passed.Entry.Report.Phase7Components);
        Assert.Equal(2, component.SignedOffBy.Count);
        Assert.Equal(Phase7ComponentStatus.UnderReview, component.Status);
        Assert.DoesNotContain(passed.Entry.Report.SignOffsReceived, s => s.Role == SignOffRole.SecurityReviewer);
    }

    [Fact]
    public async Task SignOffAsync_ComponentRoleNotInTheTable_Refused()
    {
        var id = await _context.SubmittedReportAsync(Phase7ComponentType.JwtAuthService);
        var qa = await _context.SignerAsync("quality", [Roles.QaEngineer]);

        var refusal = await Assert.ThrowsAsync<SecurityException>(() => SignOffs.SignOffAsync(qa, id,
            SignOffContext.Approve(SignOffRole.QaEngineer, _context.Totp(qa), Phase7ComponentType.JwtAuthService)));

        Assert.Equal(SecurityErrorCodes.HandoffRoleNotRequired, refusal.Code);
    }

    [Fact]
    public async Task SignOffAsync_DraftReport_RefusedNotSignable()
    {
        var created = await _context.Workflow.CreateAsync(SignOffContext.Agent.Principal, new CreateHandoffReportRequest { PipelineId = "p", TaskId = "t", WorkSummary = WorkflowContext.Summary });
        var dev = await _context.SignerAsync("dev", [Roles.Developer]);

        var refusal = await Assert.ThrowsAsync<SecurityException>(() => SignOffs.SignOffAsync(dev, created.Report.ReportId, SignOffContext.Approve(SignOffRole.Developer, _context.Totp(dev))));

        Assert.Equal(SecurityErrorCodes.HandoffReportNotSignable, refusal.Code);
        Assert.Contains("'draft'", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpireDueAsync_SignOffPastItsExpiry_StopsCountingIsAuditedAndTheComponentLosesSignedOff()
    {
        var id = await _context.SubmittedReportAsync();
        var dev = await _context.SignerAsync("dev", [Roles.Developer]);
        var lead = await _context.SignerAsync("lead", [Roles.TechLead]);
        var qa = await _context.SignerAsync("quality", [Roles.QaEngineer]);
        var shortLived = SignOffContext.Approve(SignOffRole.Developer, _context.Totp(dev));
        shortLived.ExpiresInDays = 1;
        await SignOffs.SignOffAsync(dev, id, shortLived);
        await SignOffs.SignOffAsync(lead, id, SignOffContext.Approve(SignOffRole.TechLead, _context.Totp(lead)));
        await SignOffs.SignOffAsync(qa, id, SignOffContext.Approve(SignOffRole.QaEngineer, _context.Totp(qa)));
        Assert.Equal(0, await SignOffs.ExpireDueAsync());

        _context.Time.Advance(TimeSpan.FromDays(1));

        Assert.Equal(SignOffStatus.PartiallyApproved, (await _context.Workflow.GetAsync(id)).Report.SignOffStatus);
        var beforeSweep = await _context.Builder.BuildAsync(await _context.Workflow.GetAsync(id), dev);
        Assert.Equal(Phase7ComponentStatus.UnderReview, beforeSweep.Phase7Components[0].Status);
        Assert.Equal(1, await SignOffs.ExpireDueAsync());
        Assert.Equal(0, await SignOffs.ExpireDueAsync());
        var report = (await _context.Workflow.GetAsync(id)).Report;
        Assert.Equal(Phase7ComponentStatus.UnderReview, report.Phase7Components[0].Status);
        var expired = Assert.Single(await _context.RecordedAsync(SecurityEventTypes.HandoffSignOffExpired));
        Assert.Equal("developer", expired.Details["role"]);
        Assert.Equal(id, expired.Target);
        Assert.All(SignOffs.Verify(report), v => Assert.True(v.Valid));

        // The signer may renew their own expired sign-off in the same role.
        var renewed = await SignOffs.SignOffAsync(dev, id, SignOffContext.Approve(SignOffRole.Developer, _context.Totp(dev)));
        Assert.Equal(SignOffStatus.Approved, renewed.Entry.Report.SignOffStatus);
        Assert.Equal(Phase7ComponentStatus.SignedOff, renewed.Entry.Report.Phase7Components[0].Status);
    }

    [Fact]
    public async Task Verify_StoredRecordChanged_ReportsTheChangedRecord()
    {
        var id = await _context.SubmittedReportAsync();
        var dev = await _context.SignerAsync("dev", [Roles.Developer]);
        var signed = await SignOffs.SignOffAsync(dev, id, SignOffContext.Approve(SignOffRole.Developer, _context.Totp(dev)));
        Assert.All(SignOffs.Verify(signed.Entry.Report), v => Assert.True(v.Valid));

        var repository = _context.Services.GetRequiredService<IHandoffReportRepository>();
        var stored = repository.Find(id)!;
        var document = JsonNode.Parse(stored.Document)!;
        document["sign_offs_received"]![0]!["status"] = "approved";
        document["sign_offs_received"]![0]!["comments"] = "Changed after signing.";
        stored.Document = document.ToJsonString();
        Assert.True(repository.TrySave(stored, stored.Revision));

        var results = SignOffs.Verify((await _context.Workflow.GetAsync(id)).Report);
        var changed = Assert.Single(results, r => r.Location == "sign_offs_received");
        Assert.False(changed.Valid);
        Assert.Equal("signature_mismatch", changed.Problem);
        Assert.Equal(signed.SignOff.SignOffId, changed.SignOffId);
        Assert.True(Assert.Single(results, r => r.Location != "sign_offs_received").Valid);
    }

    private static ComplianceRunSummary Run(string overall) => new("run-1", "HIPAA", overall, overall == "compliant" ? 1 : 0.4, 10, overall == "compliant" ? 0 : 3, 1,
        overall == "compliant" ? [] : [new ComplianceControlFinding("164.312(b)", "Audit controls", "high", "Trail not verified")], DateTimeOffset.UnixEpoch);

    private ValueTask PublishIncidentAsync(string type, string incidentId, string? severity, string? component)
    {
        var details = new Dictionary<string, string> { ["incident_id"] = incidentId };
        if (severity is not null)
        {
            details["severity"] = severity;
        }

        if (component is not null)
        {
            details["component"] = component;
        }

        return _context.Events.PublishAsync(new SecurityEvent { Type = type, OccurredAt = _context.Time.GetUtcNow(), Outcome = SecurityEventOutcomes.Info, Details = details });
    }
}
