using McpSecurity.SecurityCore.Events;
using McpSecurity.Tests.SecurityCore.Audit;
using Microsoft.Extensions.Logging;

namespace McpSecurity.Tests.SecurityCore.Events;

public sealed class StoredSecurityEventSinkTests : IAsyncDisposable
{
    private static readonly DateTimeOffset At = new DateTimeOffset(2025, 5, 6, 7, 8, 9, TimeSpan.FromHours(-5)).AddTicks(11);

    private readonly AuditTestContext _context = new();
    private readonly CapturingLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggerFactory;

    public StoredSecurityEventSinkTests() => _loggerFactory = _logs.CreateFactory();

    public async ValueTask DisposeAsync()
    {
        _loggerFactory.Dispose();
        await _context.DisposeAsync();
    }

    private StoredSecurityEventSink Sink => new(_context.Trail, _loggerFactory.CreateLogger<StoredSecurityEventSink>());

    [Fact]
    public async Task PublishAsync_ThenGetRecent_RoundTripsEveryFieldAcrossRestart()
    {
        var published = new SecurityEvent
        {
            Type = SecurityEventTypes.TokenRevoked,
            OccurredAt = At,
            Outcome = SecurityEventOutcomes.Info,
            SubjectId = "usr_1",
            ClientId = "agent",
            Address = "127.0.0.1",
            Roles = ["admin", "auditor"],
            AuthenticationMethod = "pwd",
            Target = "jti-1",
            ReasonCode = "AUTH_TOKEN_REVOKED",
            RequestId = "req-9",
            Details = new Dictionary<string, string> { ["kind"] = "session", ["count"] = "3" },
        };
        await Sink.PublishAsync(published);

        await _context.RestartAsync();
        var read = Assert.Single(await Sink.GetRecentAsync(10));

        Assert.Equal(published.Id, read.Id);
        Assert.Equal(published.Type, read.Type);
        Assert.Equal(At, read.OccurredAt);
        Assert.Equal(At.UtcTicks, read.OccurredAt.UtcTicks);
        Assert.Equal(published.Outcome, read.Outcome);
        Assert.Equal("usr_1", read.SubjectId);
        Assert.Equal("agent", read.ClientId);
        Assert.Equal("127.0.0.1", read.Address);
        Assert.Equal(["admin", "auditor"], read.Roles);
        Assert.Equal("pwd", read.AuthenticationMethod);
        Assert.Equal("jti-1", read.Target);
        Assert.Equal("AUTH_TOKEN_REVOKED", read.ReasonCode);
        Assert.Equal("req-9", read.RequestId);
        Assert.Equal(published.Details.OrderBy(kv => kv.Key), read.Details.OrderBy(kv => kv.Key));
    }

    [Fact]
    public async Task GetRecentAsync_Always_ReturnsNewestFirstUpToTheLimit()
    {
        var sink = Sink;
        for (var i = 0; i < 5; i++)
        {
            await sink.PublishAsync(new SecurityEvent { Type = SecurityEventTypes.TokenIssued, OccurredAt = At.AddSeconds(i), Target = $"t{i}" });
        }

        var recent = await sink.GetRecentAsync(3);

        Assert.Equal(["t4", "t3", "t2"], recent.Select(e => e.Target));
    }

    [Fact]
    public async Task GetRecentAsync_WithType_ReturnsOnlyThatType()
    {
        var sink = Sink;
        await sink.PublishAsync(new SecurityEvent { Type = SecurityEventTypes.LoginFailed, OccurredAt = At, Target = "a" });
        await sink.PublishAsync(new SecurityEvent { Type = SecurityEventTypes.TokenIssued, OccurredAt = At, Target = "b" });
        await sink.PublishAsync(new SecurityEvent { Type = SecurityEventTypes.LoginFailed, OccurredAt = At, Target = "c" });

        var failed = await sink.GetRecentAsync(10, SecurityEventTypes.LoginFailed);

        Assert.Equal(["c", "a"], failed.Select(e => e.Target));
        Assert.Empty(await sink.GetRecentAsync(10, "no_such_type"));
        Assert.Empty(await sink.GetRecentAsync(0));
    }

    [Fact]
    public async Task PublishAsync_Always_LogsTheSummaryAtInformationButNeverDetails()
    {
        await Sink.PublishAsync(new SecurityEvent
        {
            Type = SecurityEventTypes.LoginFailed,
            OccurredAt = At,
            Outcome = SecurityEventOutcomes.Failure,
            SubjectId = "usr_7",
            Target = "alice",
            ReasonCode = "AUTH_INVALID_CREDENTIALS",
            Details = new Dictionary<string, string> { ["note"] = "detail-value-that-may-be-sensitive" },
        });

        var entry = Assert.Single(_logs.Entries, e => e.Category.EndsWith(nameof(StoredSecurityEventSink), StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Equal("login_failed", entry.Values["EventType"]);
        Assert.Equal("failure", entry.Values["Outcome"]);
        Assert.Equal("usr_7", entry.Values["SubjectId"]);
        Assert.Equal("alice", entry.Values["Target"]);
        Assert.Equal("AUTH_INVALID_CREDENTIALS", entry.Values["ReasonCode"]);
        Assert.DoesNotContain("detail-value-that-may-be-sensitive", _logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetRecentAsync_NegativeLimit_Throws()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Sink.GetRecentAsync(-1));
    }
}
