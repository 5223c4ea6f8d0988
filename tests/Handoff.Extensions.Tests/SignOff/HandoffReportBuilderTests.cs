using McpSecurity.Handoff;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Compliance;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.Tests.Handoff.Infrastructure;

namespace McpSecurity.Tests.Handoff.SignOff;

public sealed class HandoffReportBuilderTests : IAsyncLifetime
{
    private readonly SignOffContext _context = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task BuildAsync_StoredReport_FillsTheSecurityFieldsFromLiveData()
    {
        var id = await _context.SubmittedReportAsync();
        var dev = await _context.SignerAsync("dev", [Roles.Developer]);
        var before = await _context.Builder.BuildAsync(await _context.Workflow.GetAsync(id), dev);
        await _context.SignOffs.SignOffAsync(dev, id, SignOffContext.Approve(SignOffRole.Developer, _context.Totp(dev)));
        var caller = dev with { AuthenticationMethods = ["pwd", "otp", "mfa"], AuthenticatedAt = _context.Time.GetUtcNow(), ExpiresAt = _context.Time.GetUtcNow().AddMinutes(15) };

        var report = await _context.Builder.BuildAsync(await _context.Workflow.GetAsync(id), caller);

        var created = (await _context.Workflow.GetAsync(id)).Report.CreatedAt;
        Assert.Equal(created, report.SecurityMetrics.WindowStart);
        Assert.Equal(_context.Time.GetUtcNow(), report.SecurityMetrics.WindowEnd);
        Assert.True(report.SecurityMetrics.AuditEvents > before.SecurityMetrics.AuditEvents);
        Assert.True(report.SecurityMetrics.TotalSecurityEvents >= report.SecurityMetrics.AuditEvents);
        Assert.True(report.SecurityMetrics.AuthenticationSuccesses == 0 && report.SecurityMetrics.RateLimitViolations == 0);
        Assert.Equal(AuthenticationState.Authenticated, report.AuthenticationStatus.State);
        Assert.Equal(dev.Principal.Id, report.AuthenticationStatus.Subject);
        Assert.Equal([Roles.Developer], report.AuthenticationStatus.Roles);
        Assert.Equal(AuthenticationMethod.PasswordTotp, report.AuthenticationStatus.Method);
        Assert.True(report.AuthenticationStatus.MfaVerified);
        Assert.Equal("sess-dev", report.AuthenticationStatus.SessionId);
        Assert.Equal(ComplianceOverallStatus.Unknown, report.ComplianceValidation.Overall);
        var component = Assert.Single(report.Phase7Components);
        Assert.Equal("[\"developer\",\"tech_lead\",\"qa_engineer\"]", component.ExtensionData!["required_roles"].GetRawText());
        Assert.Equal("[\"tech_lead\",\"qa_engineer\"]", component.ExtensionData["missing_roles"].GetRawText());
        Assert.Equal(2, report.ExtensionData!["sign_off_verification"].GetProperty("verified").GetInt32()); // the report's and its component's copy
        Assert.False((await _context.Workflow.GetAsync(id)).Report.Phase7Components[0].ExtensionData?.ContainsKey("required_roles") ?? false);
    }

    [Fact]
    public async Task BuildAsync_ComplianceRunExists_ReportsItAndItsViolations()
    {
        var id = await _context.SubmittedReportAsync();
        _context.Compliance.Latest = new ComplianceRunSummary("run-7", "HIPAA", "partially_compliant", 0.8, 8, 2, 0,
            [new ComplianceControlFinding("164.308(a)(1)", "Risk analysis", "high", "Outdated")], _context.Time.GetUtcNow());

        var report = await _context.Builder.BuildAsync(await _context.Workflow.GetAsync(id), null);

        Assert.Equal(ComplianceOverallStatus.PartiallyCompliant, report.ComplianceValidation.Overall);
        Assert.Equal("run-7", report.ComplianceValidation.ReportId);
        Assert.Equal(2, report.SecurityMetrics.ComplianceViolations);
        Assert.Equal(0.8, report.SecurityMetrics.ComplianceScore);
        Assert.Equal(AuthenticationState.Unauthenticated, report.AuthenticationStatus.State);
    }

    [Fact]
    public async Task BuildAsync_LockedOutCaller_StateAccountLocked()
    {
        var id = await _context.SubmittedReportAsync();
        var dev = await _context.SignerAsync("dev", [Roles.Developer]);
        var lockout = (IAccountLockout)_context.Services.GetService(typeof(IAccountLockout))!;
        for (var i = 0; i < 5; i++)
        {
            await lockout.RecordFailureAsync(dev.Principal.Id, "test");
        }

        var report = await _context.Builder.BuildAsync(await _context.Workflow.GetAsync(id), dev);

        Assert.Equal(AuthenticationState.AccountLocked, report.AuthenticationStatus.State);
    }

    [Fact]
    public void Validate_BadPolicy_NamesTheKey()
    {
        var result = Check(new HandoffSignOffOptions { MinimumSecurityScore = 1.5, TwoFactorDecisions = ["maybe"], ComplianceRequiredRoles = ["boss"] });

        Assert.Contains("Handoff:SignOff:MinimumSecurityScore", result, StringComparison.Ordinal);
        Assert.Contains("Handoff:SignOff:TwoFactorDecisions", result, StringComparison.Ordinal);
        Assert.Contains("Handoff:SignOff:ComplianceRequiredRoles", result, StringComparison.Ordinal);
        Assert.Equal("", Check(new HandoffSignOffOptions()));
    }

    private static string Check(HandoffSignOffOptions options)
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        services.AddHandoffSecurity();
        using var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);
        var validators = (IEnumerable<Microsoft.Extensions.Options.IValidateOptions<HandoffSignOffOptions>>)provider.GetService(typeof(IEnumerable<Microsoft.Extensions.Options.IValidateOptions<HandoffSignOffOptions>>))!;
        return string.Join("\n", validators.Select(v => v.Validate(null, options)).Where(r => r.Failed).SelectMany(r => r.Failures!));
    }
}
