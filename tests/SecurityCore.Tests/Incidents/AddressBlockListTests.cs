using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Detection;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Incidents;
using McpSecurity.Tests.SecurityCore.Detection;
using McpSecurity.Tests.SecurityCore.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace McpSecurity.Tests.SecurityCore.Incidents;

/// <summary>The in-memory block list: expiry on the clock and its report, IPv6 /64 grouping, extension, operator unblock, the allow-list.</summary>
public sealed class AddressBlockListTests
{
    [Fact]
    public async Task BlockAsync_Ipv6_BlocksTheWhole64_AndExpiresOnTheClock()
    {
        await using var context = await DetectionTestContext.StartAsync();
        var block = await context.Blocks.BlockAsync("2001:db8:1:2::5", TimeSpan.FromMinutes(10), "manual", null);

        Assert.Equal("2001:db8:1:2::/64", block.Address);
        Assert.NotNull(context.Blocks.GetBlock("2001:db8:1:2:ffff:ffff:ffff:1"));
        Assert.NotNull(context.Blocks.GetBlock("2001:db8:1:2::/64"));
        Assert.Null(context.Blocks.GetBlock("2001:db8:1:3::5"));
        Assert.Null(context.Blocks.GetBlock("203.0.113.1"));
        Assert.Null(context.Blocks.GetBlock(null));
        Assert.Null(context.Blocks.GetBlock("stdio"));

        context.Time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(1));
        Assert.NotNull(context.Blocks.GetBlock("2001:db8:1:2::5"));
        context.Time.Advance(TimeSpan.FromTicks(1));
        Assert.Null(context.Blocks.GetBlock("2001:db8:1:2::5"));
        Assert.Empty(await context.Blocks.ListActiveAsync());
    }

    [Fact]
    public async Task BlockAsync_LongerBlockExtends_ShorterKeepsTheLonger_UnblockLiftsAndIsAudited()
    {
        await using var context = await DetectionTestContext.StartAsync();
        var first = await context.Blocks.BlockAsync("203.0.113.9", TimeSpan.FromMinutes(10), "manual", null);
        var shorter = await context.Blocks.BlockAsync("203.0.113.9", TimeSpan.FromMinutes(1), "manual", null);
        var longer = await context.Blocks.BlockAsync("203.0.113.9", TimeSpan.FromHours(1), IncidentTypes.Enumeration, "inc_x");
        await context.Blocks.BlockAsync("203.0.113.10", TimeSpan.FromMinutes(5), "manual", null);

        Assert.Equal(first.ExpiresAt, shorter.ExpiresAt);
        Assert.Equal(context.Time.GetUtcNow().AddHours(1), longer.ExpiresAt);
        Assert.Equal(["203.0.113.10", "203.0.113.9"], (await context.Blocks.ListActiveAsync()).Select(b => b.Address));
        Assert.Equal(2, (await context.EventsOfAsync(SecurityEventTypes.AddressBlocked)).Count(e => e.Target == "203.0.113.9"));

        Assert.True(await context.Blocks.UnblockAsync("203.0.113.9", "usr_admin"));
        Assert.False(await context.Blocks.UnblockAsync("203.0.113.9", "usr_admin"));
        Assert.Null(context.Blocks.GetBlock("203.0.113.9"));
        var unblocked = Assert.Single(await context.EventsOfAsync(SecurityEventTypes.AddressUnblocked));
        Assert.Equal(("usr_admin", "manual", "inc_x"), (unblocked.SubjectId, unblocked.Details["reason"], unblocked.Details["incident_id"]));

        Assert.Equal(SecurityErrorCodes.ValidationFailed, (await Assert.ThrowsAsync<SecurityException>(() => context.Blocks.BlockAsync("not-an-ip", TimeSpan.FromMinutes(1), "manual", null))).Code);
        Assert.Equal(SecurityErrorCodes.ValidationFailed, (await Assert.ThrowsAsync<SecurityException>(() => context.Blocks.BlockAsync("203.0.113.1", TimeSpan.Zero, "manual", null))).Code);
    }

    [Fact]
    public async Task AllowList_AllowListedAttacker_IsDetectedButNeverBlocked_LoopbackIsNotAllowListedByDefault()
    {
        await using var context = await DetectionTestContext.StartAsync(new() { ["Detection:AllowList:0"] = "203.0.113.0/24", ["Detection:AllowList:1"] = "2001:db8:9::1" });
        for (var i = 0; i < 10; i++)
        {
            await context.WrongPasswordAsync("203.0.113.50", "usr_" + i, TimeSpan.FromSeconds(5));
        }

        var incident = Assert.Single(await context.IncidentsAsync());
        var response = Assert.Single(incident.Responses);
        Assert.Equal((IncidentResponseKinds.BlockAddress, "skipped"), (response.Kind, response.Outcome));
        Assert.Null(context.Blocks.GetBlock("203.0.113.50"));
        Assert.Equal(SecurityErrorCodes.ValidationFailed, (await Assert.ThrowsAsync<SecurityException>(() => context.Blocks.BlockAsync("203.0.113.7", TimeSpan.FromMinutes(1), "manual", null))).Code);
        await Assert.ThrowsAsync<SecurityException>(() => context.Blocks.BlockAsync("2001:db8:9::1", TimeSpan.FromMinutes(1), "manual", null));

        Assert.NotNull(await context.Blocks.BlockAsync("127.0.0.1", TimeSpan.FromMinutes(1), "manual", null));
        Assert.NotNull(context.Blocks.GetBlock("127.0.0.1"));
    }

    [Fact]
    public async Task BlockAsync_AgainAfterExpiryBeforeTheSweep_BothExpiriesAreReported()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var events = new RecordingSecurityEventSink();
        var options = Options.Create(new DetectionOptions());
        using var blocks = new InMemoryAddressBlockList(new AddressAllowList(options), events, new TimerlessTimeProvider(time), NullLogger<InMemoryAddressBlockList>.Instance);
        await blocks.BlockAsync("203.0.113.20", TimeSpan.FromMinutes(1), "manual", "inc_first");

        time.Advance(TimeSpan.FromSeconds(61));
        await blocks.BlockAsync("203.0.113.20", TimeSpan.FromMinutes(1), "manual", "inc_second");
        await blocks.SweepAsync();
        time.Advance(TimeSpan.FromSeconds(61));
        await blocks.SweepAsync();

        Assert.Equal(["inc_first", "inc_second"], events.OfType(SecurityEventTypes.AddressUnblocked).Select(e => e.Details["incident_id"]));
    }
}
