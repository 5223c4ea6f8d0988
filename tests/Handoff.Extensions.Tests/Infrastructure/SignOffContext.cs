using McpSecurity.Handoff;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Audit;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Compliance;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.SecurityCore.TwoFactor;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using OtpNet;

namespace McpSecurity.Tests.Handoff.Infrastructure;

/// <summary>
/// The whole of SecurityCore over a real LiteDB store (audit trail, identity, two-factor) with a fake clock, plus the
/// hand-off workflow, sign-off and report builder: what the faces call.
/// </summary>
internal sealed class SignOffContext : IAsyncDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "mcpsec-tests", Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider _provider;
    private readonly Dictionary<string, string> _secrets = [];

    public SignOffContext(Dictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = Path.Combine(_root, "data"),
            ["Storage:MasterKey"] = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i + 7)).ToArray()),
        };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IComplianceStatusLookup>(Compliance);
        services.AddSecurityCore(configuration);
        services.AddHandoffSecurity(configuration.GetSection(HandoffSignOffOptions.SectionName));
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 10, 1, 9, 0, 0, TimeSpan.Zero));

    public FakeComplianceLookup Compliance { get; } = new();

    public IServiceProvider Services => _provider;

    public IHandoffWorkflow Workflow => _provider.GetRequiredService<IHandoffWorkflow>();

    public IHandoffSignOffService SignOffs => _provider.GetRequiredService<IHandoffSignOffService>();

    public IHandoffReportBuilder Builder => _provider.GetRequiredService<IHandoffReportBuilder>();

    public ISecurityEventSink Events => _provider.GetRequiredService<ISecurityEventSink>();

    public IAuditTrail Trail => _provider.GetRequiredService<IAuditTrail>();

    public static HandoffCaller Agent { get; } = HandoffCaller.Of(ActingPrincipal.Subject("agent-1", "10.0.0.1"));

    /// <summary>Creates a user in <paramref name="roles"/> with a confirmed TOTP authenticator; answers the caller.</summary>
    public async Task<HandoffCaller> SignerAsync(string username, string[] roles, string address = "10.0.0.20", bool enrolTotp = true)
    {
        var users = _provider.GetRequiredService<IUserService>();
        var account = await users.CreateAsync(username, "Vq8-" + Guid.NewGuid().ToString("N"), roles, mustChangePassword: false);
        if (enrolTotp)
        {
            var twoFactor = _provider.GetRequiredService<ITwoFactorService>();
            var enrollment = await twoFactor.BeginTotpEnrollmentAsync(account.Id, username);
            _secrets[account.Id] = enrollment.Secret;
            await twoFactor.ConfirmTotpEnrollmentAsync(account.Id, CodeAt(enrollment.Secret, Time.GetUtcNow()));
            // The confirming code's time step is used up; the next sign-off code comes from the next step.
            Time.Advance(TimeSpan.FromSeconds(30));
        }

        return new HandoffCaller(ActingPrincipal.Subject(account.Id, address)) { AuthenticationMethods = ["pwd"], SessionId = "sess-" + username };
    }

    /// <summary>The TOTP code the signer's phone shows now.</summary>
    public string Totp(HandoffCaller signer) => CodeAt(_secrets[signer.Principal.Id], Time.GetUtcNow());

    /// <summary>A code with the TOTP shape that is not the current one.</summary>
    public string WrongTotp(HandoffCaller signer)
    {
        var right = Totp(signer);
        return right == "000000" ? "111111" : "000000";
    }

    public static SignOffHandoffReportRequest Approve(SignOffRole role, string? code, Phase7ComponentType? component = null) => new()
    {
        SignOffRole = role,
        Status = SignOffDecision.Approved,
        Comments = "Looks right to me.",
        TwoFactorCode = code,
        TwoFactorMethod = code is null ? null : TwoFactorMethods.Totp,
        ComponentType = component,
    };

    /// <summary>A submitted report with a complete Phase 6 component and a completed Phase 7 rate_limiting_service (developer, tech lead, QA).</summary>
    public async Task<string> SubmittedReportAsync(Phase7ComponentType component = Phase7ComponentType.RateLimitingService)
    {
        var agent = Agent.Principal;
        var created = await Workflow.CreateAsync(agent, new CreateHandoffReportRequest
        {
            PipelineId = "pipe-1",
            TaskId = "task-" + Guid.NewGuid().ToString("N")[..8],
            WorkSummary = WorkflowContext.Summary,
        });
        var id = created.Report.ReportId;
        await Workflow.UpdatePhase6ComponentAsync(agent, id, new UpdatePhase6ComponentRequest
        {
            ComponentType = ComponentType.ErrorHandling,
            Status = Phase6ComponentStatus.Completed,
            ProgressPercentage = 100,
        });
        await Workflow.UpdatePhase7ComponentAsync(agent, id, new UpdatePhase7ComponentRequest
        {
            ComponentType = component,
            Status = Phase7ComponentStatus.Completed,
            CompletionPercentage = 100,
        });
        await Workflow.SubmitAsync(agent, id, new SubmitHandoffReportRequest());
        return id;
    }

    /// <summary>The recorded events (what the audit trail holds), oldest first.</summary>
    public async Task<IReadOnlyList<SecurityEvent>> RecordedAsync(string? type = null) =>
        [.. (await _provider.GetRequiredService<ISecurityEventReader>().GetRecentAsync(1000, type)).Reverse()];

    private static string CodeAt(string secret, DateTimeOffset at) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(at.UtcDateTime);

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
