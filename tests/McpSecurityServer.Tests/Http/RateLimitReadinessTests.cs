using System.Net;
using McpSecurity.SecurityCore.RateLimiting;
using McpSecurity.Tests.Server.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace McpSecurity.Tests.Server.Http;

public sealed class RateLimitReadinessTests
{
    [Fact]
    public async Task Readyz_InMemoryStore_ShowsItOk()
    {
        await using var factory = new ServerFactory();
        using var client = factory.CreateClient();

        var body = await (await client.GetAsync("/readyz")).JsonAsync();

        var store = body.GetProperty("checks").GetProperty("rate_limit_store");
        Assert.Equal("memory", store.Str("kind"));
        Assert.Equal("ok", store.Str("status"));
        Assert.Equal("ready", body.Str("status"));
    }

    [Fact]
    public async Task Readyz_RateLimitStoreDegraded_ShowsDegradedAndStaysInRotation()
    {
        await using var factory = new ServerFactory();
        factory.TestServices = services => services.AddSingleton<IRateLimitStoreHealth, DegradedStore>();
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("degraded", body.Str("status"));
        var store = body.GetProperty("checks").GetProperty("rate_limit_store");
        Assert.Equal("redis", store.Str("kind"));
        Assert.Equal("degraded", store.Str("status"));
        Assert.Equal("RedisConnectionException", store.Str("last_error"));
    }

    private sealed class DegradedStore : IRateLimitStoreHealth
    {
        public string StoreKind => "redis";

        public bool IsDegraded => true;

        public DateTimeOffset? DegradedSince => DateTimeOffset.UnixEpoch;

        public string? LastError => "RedisConnectionException";
    }
}
