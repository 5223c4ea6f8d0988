using System.Text.Json;
using System.Text.Json.Nodes;
using McpSecurity.SecurityCore.Compliance;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.SecurityCore.Monitoring;
using McpSecurity.SecurityCore.Storage;
using Microsoft.Extensions.Options;

namespace McpSecurity.Handoff;

/// <summary>Builds enhanced reports from the stored report and live data (see <see cref="IHandoffReportBuilder"/>).</summary>
internal sealed class HandoffReportBuilder(
    ISecurityMetricsCalculator metrics,
    IComplianceStatusLookup compliance,
    IHandoffSignOffService signOffs,
    IUserService users,
    IClientRepository clients,
    TimeProvider time,
    IOptions<HandoffSignOffOptions> options,
    IAccountLockout? lockout = null) : IHandoffReportBuilder
{
    /// <summary>The report field with the signature check of its sign-offs.</summary>
    public const string VerificationField = "sign_off_verification";

    /// <inheritdoc />
    public async Task<EnhancedAgentHandoffReport> BuildAsync(HandoffReportEntry entry, HandoffCaller? caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var now = HandoffTimestampConverter.Normalize(time.GetUtcNow());
        var report = HandoffJson.Clone(entry.Report);
        report.SignOffStatus = HandoffRules.ComputeSignOffStatus(report, now);

        var latest = await compliance.GetLatestAsync(ComplianceStatus.DefaultFramework, cancellationToken).ConfigureAwait(false);
        report.ComplianceValidation = ToContract(latest);

        var start = report.CreatedAt > now - options.Value.MetricsWindow ? report.CreatedAt : now - options.Value.MetricsWindow;
        var counts = await metrics.CountAsync(start, now + TimeSpan.FromTicks(10), report.ReportId, cancellationToken).ConfigureAwait(false);
        report.SecurityMetrics = new SecurityMetrics
        {
            WindowStart = start,
            WindowEnd = now,
            TotalSecurityEvents = counts.TotalSecurityEvents,
            HighRiskEvents = counts.HighRiskEvents,
            RateLimitViolations = counts.RateLimitViolations,
            SuspiciousActivities = counts.SuspiciousActivities,
            BlockedRequests = counts.BlockedRequests,
            SecurityIncidents = counts.SecurityIncidents,
            AuthenticationSuccesses = counts.AuthenticationSuccesses,
            AuthenticationFailures = counts.AuthenticationFailures,
            AverageResponseTimeMs = null,
            EncryptionOperations = counts.EncryptionOperations,
            ComplianceViolations = latest?.ControlsFailed ?? 0,
            VulnerabilityCount = 0,
            ComplianceScore = latest?.Score,
            AuditEvents = counts.TargetEvents,
        };

        report.AuthenticationStatus = AuthenticationOf(caller);

        foreach (var component in report.Phase7Components)
        {
            var required = HandoffRules.RequiredRoles(component.ComponentType);
            component.ExtensionData ??= [];
            component.ExtensionData["required_roles"] = Strings(required.Select(HandoffEnumNames.Of));
            var missing = HandoffRules.MissingApprovals(required, component.SignedOffBy, now);
            component.ExtensionData["missing_roles"] = Strings(missing.Select(HandoffEnumNames.Of));
            if (component.Status == Phase7ComponentStatus.SignedOff && missing.Count > 0 && !HandoffStatusTransitions.IsFinal(report.Status))
            {
                // An approval expired since the last expiry sweep: what is shown follows the sign-offs that count now.
                component.Status = Phase7ComponentStatus.UnderReview;
            }
        }

        var checks = signOffs.Verify(report);
        report.ExtensionData ??= [];
        var verification = new JsonObject
        {
            ["verified"] = checks.Count(c => c.Valid),
            ["invalid"] = new JsonArray([.. checks.Where(c => !c.Valid).Select(c => (JsonNode)new JsonObject
            {
                ["sign_off_id"] = c.SignOffId,
                ["location"] = c.Location,
                ["problem"] = c.Problem,
            })]),
        };
        report.ExtensionData[VerificationField] = Parse(verification.ToJsonString());
        return report;
    }

    private AuthenticationStatus AuthenticationOf(HandoffCaller? caller)
    {
        if (caller is null)
        {
            return new AuthenticationStatus();
        }

        var subject = caller.Principal.Id;
        var account = users.FindById(subject);
        var state = account?.Status switch
        {
            "locked" => AuthenticationState.AccountLocked,
            "suspended" or "disabled" => AuthenticationState.Suspended,
            _ when account is not null && lockout?.GetLockedUntil(account.Id) is not null => AuthenticationState.AccountLocked,
            _ when caller.ExpiresAt is { } expires && expires <= time.GetUtcNow() => AuthenticationState.Expired,
            _ => AuthenticationState.Authenticated,
        };
        var roles = account?.Roles ?? (IReadOnlyList<string>?)clients.Find(subject)?.Roles ?? caller.TokenRoles;
        return new AuthenticationStatus
        {
            State = state,
            Subject = subject,
            Roles = [.. roles],
            Method = caller.Method,
            MfaVerified = caller.SessionMfa,
            SessionId = caller.SessionId,
            AuthenticatedAt = caller.AuthenticatedAt is { } at ? HandoffTimestampConverter.Normalize(at) : null,
            ExpiresAt = caller.ExpiresAt is { } exp ? HandoffTimestampConverter.Normalize(exp) : null,
        };
    }

    private static ComplianceStatus ToContract(ComplianceRunSummary? run) => run is null
        ? new ComplianceStatus()
        : new ComplianceStatus
        {
            Framework = run.Framework,
            Overall = run.Overall switch
            {
                "compliant" => ComplianceOverallStatus.Compliant,
                "partially_compliant" => ComplianceOverallStatus.PartiallyCompliant,
                "non_compliant" => ComplianceOverallStatus.NonCompliant,
                _ => ComplianceOverallStatus.Unknown,
            },
            Score = run.Score,
            ControlsPassed = run.ControlsPassed,
            ControlsFailed = run.ControlsFailed,
            ControlsNotApplicable = run.ControlsNotApplicable,
            FailingControls = [.. run.FailingControls.Select(c => new FailingControl { ControlId = c.ControlId, Title = c.Title, Severity = c.Severity, Finding = c.Finding })],
            ReportId = run.RunId,
            EvaluatedAt = HandoffTimestampConverter.Normalize(run.EvaluatedAt),
        };

    private static JsonElement Strings(IEnumerable<string> values) =>
        JsonSerializer.SerializeToElement(values.ToList(), HandoffSecurityJsonContext.Default.ListString);

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
