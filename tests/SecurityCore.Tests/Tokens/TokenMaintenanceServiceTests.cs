using McpSecurity.SecurityCore.Tokens;
using McpSecurity.Tests.SecurityCore.Fakes;

namespace McpSecurity.Tests.SecurityCore.Tokens;

public sealed class TokenMaintenanceServiceTests
{
    [Fact]
    public void SweepOnce_RemovesExpiredRevocationsRefreshTokensKeysAndChallenges()
    {
        using var harness = TokenTestHarness.Create();
        harness.Revocations.RevokeSession("sess-old");
        harness.RefreshTokens.IssueFirst("usr_a", "mcpsec-login", "mcp", [], ["pwd"], harness.Time.GetUtcNow(), "sess-old");
        var oldKey = harness.ActiveKey.KeyId;
        harness.Keys.Rotate();
        var challenge = harness.Challenges.Create("usr_a", ["mcp"], ["pwd"]);

        harness.Time.Advance(harness.Options.SessionLifetime + TimeSpan.FromSeconds(1));
        harness.Maintenance.SweepOnce();

        Assert.Equal(0, harness.Revocations.Count);
        Assert.Equal(0, harness.RevocationRepository.Count);
        Assert.Equal(0, ((InMemoryRefreshTokenRepository)harness.RefreshRepository).Count);
        Assert.DoesNotContain(harness.Keys.List(), k => k.KeyId == oldKey);
        Assert.Null(harness.Challenges.TryTake(challenge.ChallengeId));
    }

    [Fact]
    public async Task ExecuteAsync_SweepsAtStartAndEverySweepIntervalOnTheFakeClock()
    {
        using var harness = TokenTestHarness.Create(o => o.SweepInterval = TimeSpan.FromMinutes(5));
        harness.Revocations.RevokeSession("sess-old");
        var atStart = harness.RevocationRepository.NextSweep;
        await harness.Maintenance.StartAsync(CancellationToken.None);
        await atStart.WaitAsync(TimeSpan.FromSeconds(30));
        harness.Time.Advance(harness.Options.AccessTokenLifetime);
        Assert.Equal(1, harness.Revocations.Count);

        var sweep = harness.RevocationRepository.NextSweep;
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        await Task.WhenAny(sweep, harness.Maintenance.ExecuteTask!).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(harness.Maintenance.ExecuteTask!.IsCompleted, harness.Maintenance.ExecuteTask.Exception?.ToString());

        Assert.Equal(0, harness.Revocations.Count);
        await harness.Maintenance.StopAsync(CancellationToken.None);
        harness.Maintenance.Dispose();
    }
}
