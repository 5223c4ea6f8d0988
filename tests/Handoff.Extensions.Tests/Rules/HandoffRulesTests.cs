using McpSecurity.Handoff;

namespace McpSecurity.Tests.Handoff.Rules;

public sealed class HandoffRulesTests
{
    private static readonly DateTimeOffset Now = new(2025, 10, 1, 12, 0, 0, TimeSpan.Zero);

    private static SignOffRecord SignOff(SignOffRole role, SignOffDecision status, DateTimeOffset? expiresAt = null) => new()
    {
        SignOffId = "signoff_" + Guid.NewGuid().ToString("N"),
        Role = role,
        SignedBy = "user-" + role,
        SignedAt = Now.AddDays(-1),
        Status = status,
        ExpiresAt = expiresAt,
    };

    private static readonly SignOffRole[] Three = [SignOffRole.Developer, SignOffRole.TechLead, SignOffRole.QaEngineer];

    [Fact]
    public void ComputeSignOffStatus_NoSignOffs_IsPending() =>
        Assert.Equal(SignOffStatus.Pending, HandoffRules.ComputeSignOffStatus(Three, [], Now));

    [Fact]
    public void ComputeSignOffStatus_NoRolesRequired_IsNotRequired() =>
        Assert.Equal(SignOffStatus.NotRequired, HandoffRules.ComputeSignOffStatus([], [SignOff(SignOffRole.Developer, SignOffDecision.Approved)], Now));

    [Fact]
    public void ComputeSignOffStatus_SomeApproved_IsPartiallyApproved() =>
        Assert.Equal(SignOffStatus.PartiallyApproved, HandoffRules.ComputeSignOffStatus(Three, [SignOff(SignOffRole.Developer, SignOffDecision.Approved)], Now));

    [Fact]
    public void ComputeSignOffStatus_OnlyConditional_IsPartiallyApprovedNotApproved() =>
        Assert.Equal(SignOffStatus.PartiallyApproved, HandoffRules.ComputeSignOffStatus([SignOffRole.Developer], [SignOff(SignOffRole.Developer, SignOffDecision.Conditional)], Now));

    [Fact]
    public void ComputeSignOffStatus_EveryRequiredRoleApproved_IsApproved() =>
        Assert.Equal(SignOffStatus.Approved, HandoffRules.ComputeSignOffStatus(Three, [.. Three.Select(r => SignOff(r, SignOffDecision.Approved))], Now));

    [Fact]
    public void ComputeSignOffStatus_AnyRejection_IsRejectedEvenWhenAllApproved() =>
        Assert.Equal(SignOffStatus.Rejected, HandoffRules.ComputeSignOffStatus(
            Three, [.. Three.Select(r => SignOff(r, SignOffDecision.Approved)), SignOff(SignOffRole.Architect, SignOffDecision.Rejected)], Now));

    [Fact]
    public void ComputeSignOffStatus_ExpiredApproval_DoesNotCount()
    {
        var signOffs = Three.Select(r => SignOff(r, SignOffDecision.Approved, r == SignOffRole.QaEngineer ? Now : Now.AddDays(1))).ToList();

        Assert.Equal(SignOffStatus.PartiallyApproved, HandoffRules.ComputeSignOffStatus(Three, signOffs, Now));
        Assert.Equal(SignOffStatus.Approved, HandoffRules.ComputeSignOffStatus(Three, signOffs, Now.AddTicks(-1)));
        Assert.Equal([SignOffRole.QaEngineer], HandoffRules.MissingApprovals(Three, signOffs, Now));
    }

    [Fact]
    public void ComputeSignOffStatus_ExpiredRejection_DoesNotCount() =>
        Assert.Equal(SignOffStatus.Pending, HandoffRules.ComputeSignOffStatus(Three, [SignOff(SignOffRole.Developer, SignOffDecision.Rejected, Now.AddSeconds(-1))], Now));

    [Fact]
    public void OverallProgress_IsTheMean()
    {
        Assert.Equal(0, HandoffRules.OverallProgress([]));
        Assert.Equal(62.5, HandoffRules.OverallProgress([
            new Phase6ComponentProgress { ComponentType = ComponentType.ApiContracts, ProgressPercentage = 100 },
            new Phase6ComponentProgress { ComponentType = ComponentType.ErrorHandling, ProgressPercentage = 25 },
        ]));
    }

    [Fact]
    public void IsComplete_NeedsSummaryComponentAndFullProgress()
    {
        var report = new AgentHandoffReport
        {
            ReportId = "r", AgentId = "a", PipelineId = "p", TaskId = "t", WorkSummary = new string('w', 60), CreatedAt = Now, UpdatedAt = Now,
        };
        Assert.False(HandoffRules.IsComplete(report));

        report.Phase6Components.Add(new Phase6ComponentProgress { ComponentType = ComponentType.ApiContracts, ProgressPercentage = 99 });
        HandoffRules.Recompute(report, Now);
        Assert.False(HandoffRules.IsComplete(report));

        report.Phase6Components[0].ProgressPercentage = 100;
        HandoffRules.Recompute(report, Now);
        Assert.True(HandoffRules.IsComplete(report));
    }

    [Fact]
    public void IsApproved_FollowsTheRequiredRoles()
    {
        var report = new AgentHandoffReport
        {
            ReportId = "r", AgentId = "a", PipelineId = "p", TaskId = "t", WorkSummary = new string('w', 60), CreatedAt = Now, UpdatedAt = Now,
            SignOffsRequired = [SignOffRole.Developer],
        };
        Assert.False(HandoffRules.IsApproved(report, Now));

        report.SignOffsReceived.Add(SignOff(SignOffRole.Developer, SignOffDecision.Approved));
        Assert.True(HandoffRules.IsApproved(report, Now));
    }

    [Theory]
    [InlineData(Phase7ComponentType.JwtAuthService, "Developer,TechLead,SecurityReviewer")]
    [InlineData(Phase7ComponentType.RateLimitingService, "Developer,TechLead,QaEngineer")]
    [InlineData(Phase7ComponentType.SecurityHardening, "Developer,TechLead,SecurityReviewer,Architect")]
    [InlineData(Phase7ComponentType.MultiRoleAuth, "Developer,TechLead,SecurityReviewer,ProductOwner")]
    [InlineData(Phase7ComponentType.ApiSecurity, "Developer,TechLead,SecurityReviewer,Architect")]
    [InlineData(Phase7ComponentType.Phase6Integration, "Developer,TechLead,QaEngineer,Architect")]
    [InlineData(Phase7ComponentType.SecurityMonitoring, "Developer,TechLead,SecurityReviewer")]
    [InlineData(Phase7ComponentType.ComplianceAudit, "SecurityReviewer,Architect,ProductOwner")]
    public void RequiredRoles_IsTheContractTable(Phase7ComponentType component, string roles) =>
        Assert.Equal(roles.Split(',').Select(Enum.Parse<SignOffRole>), HandoffRules.RequiredRoles(component));
}
