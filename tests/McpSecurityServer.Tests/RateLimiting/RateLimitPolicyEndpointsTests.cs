using System.Net;
using McpSecurity.Tests.Server.Infrastructure;
using ModelContextProtocol.Client;

namespace McpSecurity.Tests.Server.RateLimiting;

/// <summary><c>PUT</c>/<c>DELETE /api/v1/ratelimit/policies/{name}</c> and <c>remove_rate_limit_policy_override</c> on one instance (no Redis).</summary>
public sealed class RateLimitPolicyEndpointsTests
{
    [Fact]
    public async Task Put_AsAdmin_OverridesAndDeleteRestoresTheConfiguredPolicy()
    {
        await using var factory = new RateLimitServerFactory(adminBypasses: false);
        using var http = factory.CreateClient();
        var admin = await factory.AdminTokenAsync();

        var put = await http.SendJsonAsync(HttpMethod.Put, "/api/v1/ratelimit/policies/me", admin, new { limit = 1, period_seconds = 120 });
        var putBody = await put.JsonAsync();
        var first = await http.GetAsync("/api/v1/me", admin);
        var second = await http.GetAsync("/api/v1/me", admin);
        var delete = await http.SendJsonAsync(HttpMethod.Delete, "/api/v1/ratelimit/policies/me", admin);
        var deleteBody = await delete.JsonAsync();
        var deleteAgain = await http.SendJsonAsync(HttpMethod.Delete, "/api/v1/ratelimit/policies/me", admin);
        var audit = await (await http.GetAsync("/api/v1/audit?type=rate_limit_policies_changed", admin)).JsonAsync();

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(1, putBody.GetProperty("limit").GetInt32());
        Assert.Equal(120, putBody.GetProperty("period_seconds").GetInt64());
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Equal(RateLimitServerFactory.MeLimit, deleteBody.GetProperty("limit").GetInt32());
        Assert.Equal(60, deleteBody.GetProperty("period_seconds").GetInt64());
        Assert.Equal(HttpStatusCode.OK, deleteAgain.StatusCode);
        var entries = audit.GetProperty("entries").EnumerateArray().Select(e => e.GetRawText()).ToList();
        Assert.Contains(entries, e => e.Contains("\"runtime\"", StringComparison.Ordinal) && e.Contains("\"set\"", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Contains("\"runtime\"", StringComparison.Ordinal) && e.Contains("\"removed\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Put_BadInput_AnswersStableCodes()
    {
        await using var factory = new RateLimitServerFactory();
        using var http = factory.CreateClient();
        var admin = await factory.AdminTokenAsync();

        var badAlgorithm = await http.SendJsonAsync(HttpMethod.Put, "/api/v1/ratelimit/policies/me", admin, new { algorithm = "bogus" });
        var empty = await http.SendJsonAsync(HttpMethod.Put, "/api/v1/ratelimit/policies/me", admin, new { });
        var outOfRange = await http.SendJsonAsync(HttpMethod.Put, "/api/v1/ratelimit/policies/me", admin, new { limit = 0 });
        var unknown = await http.SendJsonAsync(HttpMethod.Put, "/api/v1/ratelimit/policies/nope", admin, new { limit = 5 });
        var unknownDelete = await http.SendJsonAsync(HttpMethod.Delete, "/api/v1/ratelimit/policies/nope", admin);

        Assert.Equal(HttpStatusCode.BadRequest, badAlgorithm.StatusCode);
        Assert.Equal("VALIDATION_FAILED", await badAlgorithm.ErrorCodeAsync());
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
        Assert.Equal("limit", (await outOfRange.JsonAsync()).GetProperty("error").GetProperty("details").Str("field"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("NOT_FOUND", await unknown.ErrorCodeAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknownDelete.StatusCode);
    }

    [Fact]
    public async Task PutAndDelete_WithoutRateLimitConfigure_AreForbiddenOnBothFaces()
    {
        await using var factory = new RateLimitServerFactory();
        using var http = factory.CreateClient();
        var username = $"rl-{Guid.NewGuid():N}"[..20];
        var password = await ServerAccounts.CreateUserAsync(factory, username, ["developer"]);
        var developer = (await ServerAccounts.LoginAsync(http, username, password)).Str("access_token");
        await using var client = await factory.ConnectMcpAsync(developer);

        var put = await http.SendJsonAsync(HttpMethod.Put, "/api/v1/ratelimit/policies/me", developer, new { limit = 1000 });
        var delete = await http.SendJsonAsync(HttpMethod.Delete, "/api/v1/ratelimit/policies/me", developer);
        var tool = await client.CallToolAsync("remove_rate_limit_policy_override", new Dictionary<string, object?> { ["policy"] = "me" });

        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal("INSUFFICIENT_PERMISSIONS", await put.ErrorCodeAsync());
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal("INSUFFICIENT_PERMISSIONS", tool.ErrorCode());
    }

    [Fact]
    public async Task RemoveOverrideTool_AfterSetTool_RestoresTheConfiguredLimit()
    {
        await using var factory = new RateLimitServerFactory();
        using var http = factory.CreateClient();
        await using var client = await factory.ConnectMcpAsync(await factory.AdminTokenAsync());

        var set = (await client.CallToolAsync("set_rate_limit_policy", new Dictionary<string, object?> { ["policy"] = "me", ["limit"] = 7 })).Structured();
        var removed = (await client.CallToolAsync("remove_rate_limit_policy_override", new Dictionary<string, object?> { ["policy"] = "me" })).Structured();
        var unknown = await client.CallToolAsync("remove_rate_limit_policy_override", new Dictionary<string, object?> { ["policy"] = "nope" });

        Assert.Equal(7, set.GetProperty("limit").GetInt32());
        Assert.Equal(RateLimitServerFactory.MeLimit, removed.GetProperty("limit").GetInt32());
        Assert.Equal("NOT_FOUND", unknown.ErrorCode());
    }
}
