using System.Net;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.RateLimiting;

namespace McpSecurity.Tests.SecurityCore.RateLimiting;

/// <summary>Refusals are reported as coalesced <c>rate_limit_exceeded</c> events: at most one per key and policy per minute, counting.</summary>
public sealed class RateLimitExceededAuditorTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["RateLimiting:Policies:login:Category"] = "login",
        ["RateLimiting:Policies:login:Limit"] = "1",
        ["RateLimiting:Policies:login:Period"] = "01:00:00",
        ["RateLimiting:Policies:login:KeyBy:0"] = "user",
        ["RateLimiting:Policies:login:Endpoints:0"] = "/api/v1/auth/login",
        ["RateLimiting:Policies:api:Limit"] = "1",
        ["RateLimiting:Policies:api:Period"] = "01:00:00",
        ["RateLimiting:Policies:api:KeyBy:0"] = "principal",
        ["RateLimiting:Policies:api:Endpoints:0"] = "/api/v1/keys",
    };

    [Fact]
    public async Task CheckAsync_RefusalsWithinAMinute_OneEventNowThenOneCountingTheRest()
    {
        using var context = new RateLimiterTestContext(Settings);
        var request = new RateLimitRequest { UserId = "usr_caller", Address = IPAddress.Parse("198.51.100.3"), Endpoint = "/api/v1/keys" };
        await context.Limiter.CheckAsync(request);
        for (var i = 0; i < 10; i++)
        {
            await context.Limiter.CheckAsync(request);
        }

        await context.Limiter.CheckAsync(request with { DryRun = true });
        var first = Assert.Single(context.Events.OfType(SecurityEventTypes.RateLimitExceeded));
        Assert.Equal(("1", "api", "usr_caller", "198.51.100.3"), (first.Details["count"], first.Target, first.SubjectId, first.Address));
        Assert.Equal(SecurityEventOutcomes.Failure, first.Outcome);

        context.Time.Advance(TimeSpan.FromSeconds(59));
        await context.Limiter.CheckAsync(request);
        Assert.Single(context.Events.OfType(SecurityEventTypes.RateLimitExceeded));
        context.Time.Advance(TimeSpan.FromSeconds(1));
        await context.Limiter.CheckAsync(request);

        var events = context.Events.OfType(SecurityEventTypes.RateLimitExceeded);
        Assert.Equal(["1", "11"], events.Select(e => e.Details["count"]));
        Assert.DoesNotContain(events, e => e.Details.Values.Any(v => v.Contains("u=usr_caller", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task CheckAsync_LoginPolicyRefusal_NeverNamesTheTypedUsername()
    {
        using var context = new RateLimiterTestContext(Settings);
        var request = new RateLimitRequest { UserId = "maybe-a-password", Address = IPAddress.Parse("198.51.100.4"), Endpoint = "/api/v1/auth/login" };
        await context.Limiter.CheckAsync(request);
        await context.Limiter.CheckAsync(request);

        var refused = Assert.Single(context.Events.OfType(SecurityEventTypes.RateLimitExceeded));
        Assert.Null(refused.SubjectId);
        Assert.Equal(16, refused.Details["user_ref"].Length);
        Assert.Equal(16, refused.Details["key_ref"].Length);
        Assert.DoesNotContain(refused.Details.Values, v => v.Contains("maybe-a-password", StringComparison.Ordinal));
        Assert.Equal("198.51.100.4", refused.Address);
    }
}
