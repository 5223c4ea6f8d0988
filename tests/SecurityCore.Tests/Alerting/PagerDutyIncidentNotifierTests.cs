using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using McpSecurity.SecurityCore.Alerting;
using McpSecurity.SecurityCore.Incidents;
using McpSecurity.Tests.SecurityCore.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace McpSecurity.Tests.SecurityCore.Alerting;

/// <summary>The PagerDuty Events API v2 notifier against a local stand-in receiver.</summary>
public sealed class PagerDutyIncidentNotifierTests : IAsyncLifetime
{
    private const string RoutingKey = "R0ut1ngKeyOfTheStandInService032";
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 19, 0, 0, TimeSpan.Zero);

    private readonly PagerDutyStandIn _standIn = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly CapturingLoggerProvider _logs = new();
    private ServiceProvider? _services;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await _standIn.DisposeAsync();
    }

    [Fact]
    public async Task NotifyAsync_Opened_SendsTriggerWithTheExactEventsV2Shape()
    {
        var notifier = Create();

        await notifier.NotifyAsync(new IncidentChange(IncidentChangeKinds.Opened, Incident()));
        await _standIn.WaitForRequestsAsync(1);

        var expected = JsonNode.Parse($$"""
            {
              "routing_key": "{{RoutingKey}}",
              "event_action": "trigger",
              "dedup_key": "inc_01JEXAMPLE0000000000000000",
              "payload": {
                "summary": "Brute force on one account (subject:usr_target): 12 events",
                "source": "mcpsec-test-host",
                "severity": "error",
                "timestamp": "2026-12-04T18:59:30.000Z",
                "component": "jwt_auth_service",
                "group": "security",
                "class": "brute_force",
                "custom_details": {
                  "incident_id": "inc_01JEXAMPLE0000000000000000",
                  "change": "opened",
                  "type": "brute_force",
                  "severity": "high",
                  "status": "open",
                  "source_key": "subject:usr_target",
                  "first_seen": "2026-12-04T18:55:00.000Z",
                  "last_seen": "2026-12-04T18:59:30.000Z",
                  "event_count": 12,
                  "figures": { "failures": "12", "window_seconds": "300" },
                  "responses": [
                    { "kind": "block_address", "target": "203.0.113.7", "outcome": "applied", "expires_at": "2026-12-04T19:14:30.000Z" }
                  ]
                }
              },
              "client": "MCP Security Server"
            }
            """);
        var sent = JsonNode.Parse(Assert.Single(_standIn.Bodies));
        Assert.True(JsonNode.DeepEquals(expected, sent), sent!.ToJsonString());
        Assert.Single(_standIn.Accepted);
    }

    [Theory]
    [InlineData(IncidentChangeKinds.Acknowledged, "acknowledge")]
    [InlineData(IncidentChangeKinds.Resolved, "resolve")]
    public async Task NotifyAsync_AcknowledgedOrResolved_SendsOnlyActionAndDedupKey(string kind, string action)
    {
        var notifier = Create();

        await notifier.NotifyAsync(new IncidentChange(kind, Incident()));
        await _standIn.WaitForRequestsAsync(1);

        var expected = JsonNode.Parse($$"""{"routing_key": "{{RoutingKey}}", "event_action": "{{action}}", "dedup_key": "inc_01JEXAMPLE0000000000000000"}""");
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(Assert.Single(_standIn.Bodies))));
        Assert.Single(_standIn.Accepted);
    }

    [Fact]
    public async Task NotifyAsync_Throttled429_RetriesAfterRetryAfterAndIsAccepted()
    {
        var scheduled = Channel.CreateUnbounded<TimeSpan>();
        var notifier = Create();
        notifier.RetryScheduled = (_, wait) => scheduled.Writer.TryWrite(wait);
        _standIn.AnswerNext(429, retryAfterSeconds: 7);

        await notifier.NotifyAsync(new IncidentChange(IncidentChangeKinds.Opened, Incident()));
        await _standIn.WaitForRequestsAsync(1);
        var wait = await ReadAsync(scheduled);
        Assert.Empty(_standIn.Accepted);
        _time.Advance(wait - TimeSpan.FromSeconds(1));
        Assert.Single(_standIn.Bodies);
        _time.Advance(TimeSpan.FromSeconds(1));
        await _standIn.WaitForRequestsAsync(2);
        await notifier.FlushAsync();

        Assert.Equal(TimeSpan.FromSeconds(7), wait);
        Assert.Equal("trigger", Assert.Single(_standIn.Accepted).GetProperty("event_action").GetString());
        Assert.Equal(_standIn.Bodies[0], _standIn.Bodies[1]);
    }

    [Fact]
    public async Task NotifyAsync_ServerErrors_RetriesWithDoublingBackoffThenGivesUp()
    {
        var scheduled = Channel.CreateUnbounded<TimeSpan>();
        var notifier = Create(("MaxAttempts", "3"));
        notifier.RetryScheduled = (_, wait) => scheduled.Writer.TryWrite(wait);
        for (var i = 0; i < 3; i++)
        {
            _standIn.AnswerNext(503);
        }

        await notifier.NotifyAsync(new IncidentChange(IncidentChangeKinds.Opened, Incident()));
        var first = await ReadAsync(scheduled);
        _time.Advance(first);
        var second = await ReadAsync(scheduled);
        _time.Advance(second);
        await _standIn.WaitForRequestsAsync(3);
        await notifier.FlushAsync();

        Assert.Equal(TimeSpan.FromSeconds(1), first);
        Assert.Equal(TimeSpan.FromSeconds(2), second);
        Assert.Equal(3, _standIn.Bodies.Count);
        Assert.Empty(_standIn.Accepted);
        Assert.Contains(_logs.Lines, l => l.Contains("given up after 3 attempts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NotifyAsync_InvalidEvent400_IsNotRetriedAndLaterEventsStillGo()
    {
        var notifier = Create(("RoutingKey", "too-short-for-pagerduty"));

        await notifier.NotifyAsync(new IncidentChange(IncidentChangeKinds.Opened, Incident()));
        await notifier.FlushAsync();

        Assert.Single(_standIn.Bodies);
        Assert.Empty(_standIn.Accepted);
        Assert.Contains(_logs.Lines, l => l.Contains("status 400", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Lines, l => l.Contains("too-short-for-pagerduty", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NotifyAsync_BelowMinimumSeverity_SendsNothing()
    {
        var notifier = Create(("MinimumSeverity", "critical"));

        await notifier.NotifyAsync(new IncidentChange(IncidentChangeKinds.Opened, Incident()));
        await notifier.NotifyAsync(new IncidentChange(IncidentChangeKinds.Resolved, Incident()));
        await notifier.NotifyAsync(new IncidentChange(IncidentChangeKinds.Opened, Incident() with { Id = "inc_critical", Severity = "critical" }));
        await notifier.FlushAsync();

        var sent = Assert.Single(_standIn.Accepted);
        Assert.Equal("inc_critical", sent.GetProperty("dedup_key").GetString());
        Assert.Equal("critical", sent.GetProperty("payload").GetProperty("severity").GetString());
    }

    [Theory]
    [InlineData("critical", "critical")]
    [InlineData("high", "error")]
    [InlineData("medium", "warning")]
    [InlineData("low", "info")]
    public async Task NotifyAsync_Severity_MapsToEventsV2Severity(string severity, string expected)
    {
        var notifier = Create();

        await notifier.NotifyAsync(new IncidentChange(IncidentChangeKinds.Opened, Incident() with { Severity = severity }));
        await notifier.FlushAsync();

        Assert.Equal(expected, Assert.Single(_standIn.Accepted).GetProperty("payload").GetProperty("severity").GetString());
    }

    [Fact]
    public async Task NotifyAsync_UpdatesSoonAfterTrigger_AreCoalescedUntilTheInterval()
    {
        var notifier = Create();

        await notifier.NotifyAsync(new IncidentChange(IncidentChangeKinds.Opened, Incident()));
        await notifier.NotifyAsync(new IncidentChange(IncidentChangeKinds.Updated, Incident() with { EventCount = 20 }));
        _time.Advance(TimeSpan.FromMinutes(5));
        await notifier.NotifyAsync(new IncidentChange(IncidentChangeKinds.Updated, Incident() with { EventCount = 30 }));
        await notifier.FlushAsync();

        var counts = _standIn.Accepted.Select(e => e.GetProperty("payload").GetProperty("custom_details").GetProperty("event_count").GetInt64());
        Assert.Equal([12L, 30L], counts);
    }

    [Fact]
    public async Task NotifyAsync_Disabled_SendsNothing()
    {
        var notifier = Create(("Enabled", "false"));

        await notifier.NotifyAsync(new IncidentChange(IncidentChangeKinds.Opened, Incident()));
        await notifier.FlushAsync();

        Assert.Empty(_standIn.Bodies);
    }

    [Fact]
    public async Task NotifyAsync_Delivered_NeverLogsTheRoutingKey()
    {
        var notifier = Create();

        await notifier.NotifyAsync(new IncidentChange(IncidentChangeKinds.Opened, Incident()));
        await notifier.FlushAsync();

        Assert.Contains(_logs.Lines, l => l.Contains("PagerDuty accepted trigger", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Lines, l => l.Contains(RoutingKey, StringComparison.Ordinal));
    }

    [Fact]
    public void AddSecurityAlerting_Twice_RegistersOneNotifier()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSecurityAlerting(configuration);
        services.AddSecurityAlerting(configuration);
        using var provider = services.BuildServiceProvider();

        Assert.IsType<PagerDutyIncidentNotifier>(Assert.Single(provider.GetServices<IIncidentNotifier>()));
    }

    private PagerDutyIncidentNotifier Create(params (string Key, string Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Enabled"] = "true",
            ["Url"] = _standIn.Url,
            ["RoutingKey"] = RoutingKey,
            ["Source"] = "mcpsec-test-host",
            ["Group"] = "security",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<TimeProvider>(_time);
        services.AddSecurityAlerting(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        _services = services.BuildServiceProvider();
        return _services.GetRequiredService<PagerDutyIncidentNotifier>();
    }

    private static async Task<TimeSpan> ReadAsync(Channel<TimeSpan> channel)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await channel.Reader.ReadAsync(timeout.Token);
    }

    private static Incident Incident() => new()
    {
        Id = "inc_01JEXAMPLE0000000000000000",
        Type = IncidentTypes.BruteForce,
        Severity = "high",
        Status = IncidentStatuses.Open,
        Title = "Brute force on one account",
        SourceKey = "subject:usr_target",
        Component = "jwt_auth_service",
        FirstSeen = Start.AddMinutes(-5),
        LastSeen = Start.AddSeconds(-30),
        EventCount = 12,
        Figures = new Dictionary<string, string> { ["failures"] = "12", ["window_seconds"] = "300" },
        Evidence = [new IncidentEvidence("evt_1", "login_failed", Start.AddMinutes(-5), "203.0.113.7", "usr_target", "AUTH_INVALID_CREDENTIALS")],
        Responses = [new IncidentResponse(IncidentResponseKinds.BlockAddress, "203.0.113.7", Start.AddSeconds(-30), Start.AddMinutes(14.5), "applied")],
    };
}
