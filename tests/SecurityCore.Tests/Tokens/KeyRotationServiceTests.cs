using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Tokens;
using Microsoft.Extensions.Logging.Abstractions;

namespace McpSecurity.Tests.SecurityCore.Tokens;

public sealed class KeyRotationServiceTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public void RotateIfDue_ActiveKeyYoungerThanTheInterval_DoesNothing()
    {
        using var harness = TokenTestHarness.Create();
        var service = Create(harness);
        harness.Time.Advance(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1));

        Assert.False(service.RotateIfDue(TimeSpan.FromHours(1)));
        Assert.Single(harness.Keys.List());
    }

    [Fact]
    public void RotateIfDue_ActiveKeyAsOldAsTheInterval_Rotates()
    {
        using var harness = TokenTestHarness.Create();
        var service = Create(harness);
        var old = harness.ActiveKey.KeyId;
        harness.Time.Advance(TimeSpan.FromHours(1));

        Assert.True(service.RotateIfDue(TimeSpan.FromHours(1)));
        Assert.NotEqual(old, harness.ActiveKey.KeyId);
    }

    [Fact]
    public async Task ExecuteAsync_WithAnInterval_RotatesOnTheFakeClock()
    {
        using var harness = TokenTestHarness.Create(o => o.KeyRotationInterval = TimeSpan.FromHours(1));
        using var service = Create(harness);
        var first = harness.ActiveKey.KeyId;
        await service.StartAsync(CancellationToken.None);

        var rotated = harness.Events.NextAsync(SecurityEventTypes.SigningKeyRotated);
        harness.Time.Advance(TimeSpan.FromHours(1));
        var reported = await rotated.WaitAsync(Wait);

        Assert.NotEqual(first, reported.Target);
        Assert.Equal(reported.Target, harness.ActiveKey.KeyId);
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ExecuteAsync_WithoutAnInterval_NeverRotates()
    {
        using var harness = TokenTestHarness.Create();
        using var service = Create(harness);
        await service.StartAsync(CancellationToken.None);

        harness.Time.Advance(TimeSpan.FromDays(365));
        await service.ExecuteTask!.WaitAsync(Wait);

        Assert.Single(harness.Keys.List());
    }

    private static KeyRotationService Create(TokenTestHarness harness) =>
        new(harness.Keys, Microsoft.Extensions.Options.Options.Create(harness.Options), harness.Time, NullLogger<KeyRotationService>.Instance);
}
