using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Monitoring;
using McpSecurity.Tests.SecurityCore.Audit;

namespace McpSecurity.Tests.SecurityCore.Monitoring;

public sealed class SecurityMonitoringTests : IAsyncLifetime
{
    private readonly AuditTestContext _audit = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _audit.DisposeAsync();

    private AuditTrailEventWindowReader Reader => new(_audit.Trail);

    [Fact]
    public async Task ReadAsync_Window_ReturnsOnlyTheEventsInsideItOldestFirst()
    {
        await PublishAsync(SecurityEventTypes.LoginSucceeded, at: TimeSpan.FromHours(-3));
        await PublishAsync(SecurityEventTypes.LoginFailed, at: TimeSpan.FromHours(-2));
        await PublishAsync(SecurityEventTypes.AccessDenied, at: TimeSpan.FromHours(-1));
        await PublishAsync(SecurityEventTypes.AccountLocked, at: TimeSpan.Zero);

        var now = _audit.Time.GetUtcNow();
        var window = await Reader.ReadAsync(now.AddHours(-2), now);

        Assert.Equal([SecurityEventTypes.LoginFailed, SecurityEventTypes.AccessDenied], window.Events.Select(e => e.Type));
        Assert.False(window.Truncated);
        await Assert.ThrowsAsync<SecurityException>(() => Reader.ReadAsync(now, now.AddHours(-1)));
    }

    [Fact]
    public async Task CountAsync_Events_AreClassifiedByTheStatedRules()
    {
        await PublishAsync(SecurityEventTypes.LoginSucceeded);
        await PublishAsync(SecurityEventTypes.LoginFailed, outcome: SecurityEventOutcomes.Failure);
        await PublishAsync(SecurityEventTypes.RefreshTokenReuse, target: "report-1");
        await PublishAsync(SecurityEventTypes.AccessDenied);
        await PublishAsync(SecurityEventTypes.TokenValidationFailed, reason: SecurityErrorCodes.TokenBadSignature);
        await PublishAsync(SecurityEventTypes.IncidentOpened, details: new Dictionary<string, string> { ["incident_id"] = "i1", ["severity"] = "critical" });

        var now = _audit.Time.GetUtcNow();
        var counts = await new SecurityMetricsCalculator(Reader).CountAsync(now.AddMinutes(-1), now.AddMinutes(1), "report-1");

        Assert.Equal(6, counts.TotalSecurityEvents);
        Assert.Equal(1, counts.AuthenticationSuccesses);
        Assert.Equal(1, counts.AuthenticationFailures);
        Assert.Equal(3, counts.SuspiciousActivities); // reuse, refusal, forged token
        Assert.Equal(1, counts.BlockedRequests);
        Assert.Equal(3, counts.HighRiskEvents); // reuse, forged token, critical incident
        Assert.Equal(1, counts.SecurityIncidents);
        Assert.Equal(1, counts.TargetEvents);
        Assert.Equal(0, counts.RateLimitViolations);
    }

    [Fact]
    public async Task EvaluateAsync_AddressWithFailuresAndReuse_LosesScoreByTheRules_AndRecoversAfter24Hours()
    {
        for (var i = 0; i < 3; i++)
        {
            await PublishAsync(SecurityEventTypes.LoginFailed, outcome: SecurityEventOutcomes.Failure, address: "198.51.100.4");
        }

        await PublishAsync(SecurityEventTypes.RefreshTokenReuse, address: "198.51.100.4");
        await PublishAsync(SecurityEventTypes.LoginFailed, outcome: SecurityEventOutcomes.Failure, address: "198.51.100.99");
        var service = new AddressReputationService(Reader, _audit.Time);

        var bad = await service.EvaluateAsync("198.51.100.4");
        var unseen = await service.EvaluateAsync("203.0.113.1");
        var local = await service.EvaluateAsync("stdio");

        Assert.Equal(0.3, bad.Score, 3);
        Assert.Equal("suspicious", bad.Level);
        Assert.Equal(["failed_logins", "refresh_token_reuse"], bad.Reasons);
        Assert.Equal(3, bad.FailedLogins24h);
        Assert.Equal(1, bad.RefreshTokenReuse24h);
        Assert.Equal((1.0, "neutral"), (unseen.Score, unseen.Level));
        Assert.Equal(("local", "trusted"), (local.Ip, local.Level));

        _audit.Time.Advance(TimeSpan.FromHours(25));
        Assert.Equal(1.0, (await service.EvaluateAsync("198.51.100.4")).Score);
    }

    [Fact]
    public async Task GetOpenAsync_OpenedThenResolved_OnlyStillOpenIncidentsOfTheComponentOrProductWide()
    {
        await PublishAsync(SecurityEventTypes.IncidentOpened, details: new Dictionary<string, string> { ["incident_id"] = "a", ["severity"] = "critical", ["component"] = "jwt_auth_service" });
        await PublishAsync(SecurityEventTypes.IncidentOpened, details: new Dictionary<string, string> { ["incident_id"] = "b", ["severity"] = "high" });
        await PublishAsync(SecurityEventTypes.IncidentOpened, details: new Dictionary<string, string> { ["incident_id"] = "c", ["severity"] = "critical", ["component"] = "api_security" });
        await PublishAsync(SecurityEventTypes.IncidentResolved, details: new Dictionary<string, string> { ["incident_id"] = "c" });
        var lookup = new SecurityEventIncidentLookup(Reader, _audit.Time);

        var jwt = await lookup.GetOpenAsync("jwt_auth_service");
        var api = await lookup.GetOpenAsync("api_security");

        Assert.Equal(["a", "b"], jwt.Select(i => i.IncidentId).Order());
        Assert.Equal(["b"], api.Select(i => i.IncidentId));
    }

    [Fact]
    public async Task RateLimitFigures_ExceededEvents_CountTheirRefusalsInMetricsAndReputation_BlockedAddressMarked()
    {
        await PublishAsync(SecurityEventTypes.RateLimitExceeded, outcome: SecurityEventOutcomes.Failure, address: "198.51.100.8", details: new Dictionary<string, string> { ["count"] = "1" });
        await PublishAsync(SecurityEventTypes.RateLimitExceeded, outcome: SecurityEventOutcomes.Failure, address: "198.51.100.8", details: new Dictionary<string, string> { ["count"] = "40" });
        await PublishAsync(SecurityEventTypes.RateLimitExceeded, outcome: SecurityEventOutcomes.Failure, address: "198.51.100.9", details: new Dictionary<string, string> { ["count"] = "2" });
        var now = _audit.Time.GetUtcNow();
        var blocks = new McpSecurity.SecurityCore.Incidents.InMemoryAddressBlockList(
            new McpSecurity.SecurityCore.Detection.AddressAllowList(Microsoft.Extensions.Options.Options.Create(new McpSecurity.SecurityCore.Detection.DetectionOptions())),
            new McpSecurity.Tests.SecurityCore.Fakes.RecordingSecurityEventSink(), _audit.Time, Microsoft.Extensions.Logging.Abstractions.NullLogger<McpSecurity.SecurityCore.Incidents.InMemoryAddressBlockList>.Instance);
        using var disposeBlocks = blocks;
        await blocks.BlockAsync("198.51.100.9", TimeSpan.FromMinutes(5), "manual", null);

        var counts = await new SecurityMetricsCalculator(Reader).CountAsync(now.AddMinutes(-1), now.AddMinutes(1));
        var service = new AddressReputationService(Reader, _audit.Time, blocks);
        var stormy = await service.EvaluateAsync("198.51.100.8");
        var blocked = await service.EvaluateAsync("198.51.100.9");

        Assert.Equal(43, counts.RateLimitViolations);
        Assert.Equal(41, stormy.RateLimitViolations24h);
        Assert.Equal(["rate_limit_violations"], stormy.Reasons);
        Assert.Equal(1 - 0.205, stormy.Score, 3);
        Assert.False(stormy.Blocked);
        Assert.True(blocked.Blocked);
        Assert.Contains("blocked", blocked.Reasons);
        Assert.Equal(1 - 0.01 - 0.6, blocked.Score, 3);
    }

    private async Task PublishAsync(string type, TimeSpan? at = null, string outcome = SecurityEventOutcomes.Success, string? address = null,
        string? target = null, string? reason = null, Dictionary<string, string>? details = null)
    {
        await _audit.Trail.AppendAsync(new SecurityEvent
        {
            Type = type,
            OccurredAt = _audit.Time.GetUtcNow() + (at ?? TimeSpan.Zero),
            Outcome = outcome,
            Address = address,
            Target = target,
            ReasonCode = reason,
            Details = details ?? [],
        });
    }
}
