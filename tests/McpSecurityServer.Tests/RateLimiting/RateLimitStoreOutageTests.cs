using System.Net;
using System.Text.Json;
using McpSecurity.Tests.SecurityCore.RateLimiting;
using McpSecurity.Tests.Server.Infrastructure;

namespace McpSecurity.Tests.Server.RateLimiting;

/// <summary>A real redis-server stopped in the middle of a test and started again on the same port.</summary>
public sealed class RateLimitStoreOutageTests
{
    [Fact]
    public async Task Requests_RedisStoppedThenRestarted_ClosedPoliciesRefuseOpenOnesFallBackAndAllRecover()
    {
        using var redis = new RedisServer();
        await using var factory = new RateLimitServerFactory(adminBypasses: false);
        factory.Settings["RateLimiting:Policies:login-user:Limit"] = "100";
        factory.Settings["RateLimiting:Policies:login-user:Burst"] = "100";
        factory.Settings["Redis:Configuration"] = redis.Configuration;
        factory.Settings["Redis:KeyPrefix"] = "t" + Guid.NewGuid().ToString("N")[..12];
        factory.Settings["Redis:ConnectTimeout"] = "00:00:00.500";
        factory.Settings["Redis:OperationTimeout"] = "00:00:00.500";
        using var http = factory.CreateClient();
        var token = await factory.AdminTokenAsync();
        var before = await ReadyAsync(http);

        redis.Stop();
        var login = await LoginAsync(http, factory);
        var me = await http.GetAsync("/api/v1/me", token);
        var during = await ReadyAsync(http);

        redis.Start();
        var recovered = await EventuallyAsync(async () => (await LoginAsync(http, factory)).StatusCode == HttpStatusCode.OK);
        var after = await ReadyAsync(http);

        Assert.Equal("redis", before.Store.Str("kind"));
        Assert.Equal("ok", before.Store.Str("status"));
        // login-user fails closed (the default of login policies).
        Assert.Equal(HttpStatusCode.ServiceUnavailable, login.StatusCode);
        Assert.Equal("RATE_LIMIT_STORE_UNAVAILABLE", await login.ErrorCodeAsync());
        Assert.NotNull(login.Headers.RetryAfter);
        // "me" fails open: the local fallback limiter still counts it.
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains("\"me\"", string.Join(",", me.Headers.GetValues("RateLimit-Policy")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, during.Status);
        Assert.Equal("degraded", during.Body.Str("status"));
        Assert.Equal("degraded", during.Store.Str("status"));
        Assert.True(recovered, "login did not succeed again after redis-server restarted");
        Assert.Equal("ok", after.Store.Str("status"));
        Assert.Equal("ready", after.Body.Str("status"));
    }

    private static Task<HttpResponseMessage> LoginAsync(HttpClient http, AdminServerFactory factory) =>
        http.PostJsonAsync("/api/v1/auth/login", new { username = "admin", password = factory.AdminPassword });

    private static async Task<(HttpStatusCode Status, JsonElement Body, JsonElement Store)> ReadyAsync(HttpClient http)
    {
        var response = await http.GetAsync("/readyz");
        var body = await response.JsonAsync();
        return (response.StatusCode, body, body.GetProperty("checks").GetProperty("rate_limit_store"));
    }

    /// <summary>The client reconnects in the background (exponential back-off up to 5 s): poll, bounded.</summary>
    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(250);
        }

        return false;
    }
}
