using System.Globalization;
using System.Net;
using System.Text.Json;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.Tests.Server.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpSecurity.Tests.Server.RateLimiting;

/// <summary>The HTTP and MCP faces of the rate limiter over a real server with tight limits.</summary>
public sealed class RateLimitFacesTests
{
    [Fact]
    public async Task Get_LimitedEndpoint_CarriesIetfAndPhase6Headers()
    {
        await using var factory = new RateLimitServerFactory();
        using var http = factory.CreateClient();
        var token = await UserTokenAsync(factory, http, ["developer"]);
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var response = await http.GetAsync("/api/v1/me", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3", Header(response, "X-RateLimit-Limit"));
        Assert.Equal("2", Header(response, "X-RateLimit-Remaining"));
        var reset = long.Parse(Header(response, "X-RateLimit-Reset"), CultureInfo.InvariantCulture);
        Assert.InRange(reset, before, before + 61);
        Assert.Contains("\"me\";q=3;w=60", Header(response, "RateLimit-Policy"), StringComparison.Ordinal);
        Assert.Matches("\"me\";r=2;t=\\d+", Header(response, "RateLimit"));
        Assert.False(response.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task Get_OverLimit_Answers429WithRetryAfterAndEnvelope()
    {
        await using var factory = new RateLimitServerFactory();
        using var http = factory.CreateClient();
        var token = await UserTokenAsync(factory, http, ["developer"]);
        for (var i = 0; i < RateLimitServerFactory.MeLimit; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/me", token)).StatusCode);
        }

        var refused = await http.GetAsync("/api/v1/me", token);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 and <= 60 });
        Assert.Equal("0", Header(refused, "X-RateLimit-Remaining"));
        var error = (await refused.JsonAsync()).GetProperty("error");
        Assert.Equal("RATE_LIMIT_EXCEEDED", error.Str("code"));
        Assert.Equal("me", error.GetProperty("details").Str("policy"));
        Assert.True(error.GetProperty("details").GetProperty("retry_after").GetInt64() >= 1);
    }

    [Fact]
    public async Task Get_AdminOverGeneralLimit_IsBypassedAndAudited()
    {
        await using var factory = new RateLimitServerFactory();
        using var http = factory.CreateClient();
        var admin = await factory.AdminTokenAsync();

        for (var i = 0; i < RateLimitServerFactory.MeLimit + 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/me", admin)).StatusCode);
        }

        var audit = await (await http.GetAsync("/api/v1/audit?type=rate_limit_bypassed", admin)).JsonAsync();
        Assert.Contains(audit.GetProperty("entries").EnumerateArray(), e => e.GetRawText().Contains("\"me\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_ClientWhoseAdminRoleWasRevoked_IsLimitedAtOnceThoughItsTokenStillSaysAdmin()
    {
        await using var factory = new RateLimitServerFactory();
        using var http = factory.CreateClient();
        var agent = await ServerAccounts.RegisterClientAsync(factory, "rl-former-admin", ["mcp"], [Roles.Admin]);
        var token = (await (await http.PostFormAsync("/oauth/token", [new("grant_type", "client_credentials")], basic: agent)).JsonAsync()).Str("access_token");
        var roles = factory.Services.GetRequiredService<IRoleService>();
        await roles.RevokeAsync(ActingPrincipal.LocalOperator, RoleHolder.Client("rl-former-admin"), Roles.Admin);

        for (var i = 0; i < RateLimitServerFactory.MeLimit; i++)
        {
            await http.GetAsync("/api/v1/me", token);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await http.GetAsync("/api/v1/me", token)).StatusCode);
    }

    [Fact]
    public async Task Get_AdminWhenPolicyHasNoBypass_IsLimited()
    {
        await using var factory = new RateLimitServerFactory(adminBypasses: false);
        using var http = factory.CreateClient();
        var admin = await factory.AdminTokenAsync();
        for (var i = 0; i < RateLimitServerFactory.MeLimit; i++)
        {
            await http.GetAsync("/api/v1/me", admin);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await http.GetAsync("/api/v1/me", admin)).StatusCode);
    }

    [Fact]
    public async Task Login_OverUserLimit_IsRefusedEvenForTheAdmin()
    {
        await using var factory = new RateLimitServerFactory();
        using var http = factory.CreateClient();
        for (var i = 0; i < RateLimitServerFactory.LoginLimit; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await http.PostJsonAsync("/api/v1/auth/login", new { username = "admin", password = factory.AdminPassword })).StatusCode);
        }

        var refused = await http.PostJsonAsync("/api/v1/auth/login", new { username = "admin", password = factory.AdminPassword });
        var otherUser = await http.PostJsonAsync("/api/v1/auth/login", new { username = "nobody-here", password = "wrong-password-1" });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("RATE_LIMIT_EXCEEDED", await refused.ErrorCodeAsync());
        Assert.Contains("\"login-user\"", Header(refused, "RateLimit-Policy"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, otherUser.StatusCode);
    }

    [Fact]
    public async Task Login_WithTrailingSlash_IsCountedByTheSameLoginPolicy()
    {
        await using var factory = new RateLimitServerFactory();
        using var http = factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < RateLimitServerFactory.LoginLimit + 1; i++)
        {
            statuses.Add((await http.PostJsonAsync(i % 2 == 0 ? "/api/v1/auth/login/" : "/api/v1/auth/login", new { username = "admin", password = factory.AdminPassword })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Login_UsernameGivenTwice_IsRefusedAndCannotSpendAnotherNamesAllowance()
    {
        await using var factory = new RateLimitServerFactory();
        using var http = factory.CreateClient();
        using var twice = new StringContent(
            $$"""{"username":"decoy","username":"admin","password":"{{factory.AdminPassword}}"}""", System.Text.Encoding.UTF8, "application/json");

        var refused = await http.PostAsync("/api/v1/auth/login", twice);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("VALIDATION_FAILED", await refused.ErrorCodeAsync());
        Assert.False(refused.Headers.TryGetValues("RateLimit-Policy", out var counted) && counted.Any(v => v.Contains("\"login-user\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Login_AsAClientsId_DoesNotSpendThatClientsApiAllowance()
    {
        await using var factory = new RateLimitServerFactory();
        factory.Settings["RateLimiting:Policies:api-principal:Limit"] = "3";
        factory.Settings["RateLimiting:Policies:api-principal:Burst"] = "3";
        using var http = factory.CreateClient();
        var agent = await ServerAccounts.RegisterClientAsync(factory, "rl-victim-client", ["mcp"], [Roles.Developer]);
        var token = (await (await http.PostFormAsync("/oauth/token", [new("grant_type", "client_credentials")], basic: agent)).JsonAsync()).Str("access_token");
        for (var i = 0; i < 6; i++)
        {
            await http.PostJsonAsync("/api/v1/auth/login", new { username = "rl-victim-client", password = "not-a-password-1" });
        }

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/ratelimit/policies", token)).StatusCode);
    }

    [Fact]
    public async Task CheckRate_LoginPolicy_NeedsConfigurePermissionOnBothFaces()
    {
        await using var factory = new RateLimitServerFactory();
        using var http = factory.CreateClient();
        var developer = await UserTokenAsync(factory, http, ["developer"]);
        await using var developerClient = await factory.ConnectMcpAsync(developer);

        var rest = await http.PostJsonAsync("/api/v1/ratelimit/check", new { policy = "login-user", key = "admin", consume = true }, developer);
        var tool = await developerClient.CallToolAsync("check_rate", new Dictionary<string, object?> { ["policy"] = "two-factor", ["key"] = "203.0.113.5" });
        var general = await http.PostJsonAsync("/api/v1/ratelimit/check", new { policy = "api-address", key = "203.0.113.5", consume = true }, developer);
        var admin = await factory.AdminTokenAsync();
        var byAdmin = await http.PostJsonAsync("/api/v1/ratelimit/check", new { policy = "login-user", key = "someone", consume = false }, admin);

        Assert.Equal(HttpStatusCode.Forbidden, rest.StatusCode);
        Assert.Equal("INSUFFICIENT_PERMISSIONS", await rest.ErrorCodeAsync());
        Assert.Equal("INSUFFICIENT_PERMISSIONS", tool.ErrorCode());
        Assert.Equal(HttpStatusCode.OK, general.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        // The refused consume took nothing: the admin still logs in.
        Assert.Equal(HttpStatusCode.OK, (await http.PostJsonAsync("/api/v1/auth/login", new { username = "admin", password = factory.AdminPassword })).StatusCode);
    }

    [Fact]
    public async Task CallTool_OverToolLimit_AnswersRateLimitedWithRetryAfter()
    {
        await using var factory = new RateLimitServerFactory();
        using var http = factory.CreateClient();
        await using var client = await factory.ConnectMcpAsync(await UserTokenAsync(factory, http, ["developer"]));
        for (var i = 0; i < RateLimitServerFactory.ToolLimit; i++)
        {
            Assert.NotEqual(true, (await client.CallToolAsync("get_rate_limit_status")).IsError);
        }

        var refused = await client.CallToolAsync("get_rate_limit_status");
        var otherTool = await client.CallToolAsync("list_sessions");

        Assert.Equal("RATE_LIMITED", refused.ErrorCode());
        var error = ErrorBody(refused);
        Assert.True(error.GetProperty("retry_after").GetInt64() >= 1);
        Assert.Equal("mcp-tool", error.Str("policy"));
        Assert.NotEqual(true, otherTool.IsError);
    }

    [Fact]
    public async Task CheckRate_ToolAndEndpoint_ConsumeAndDryRunAnswerTheStanding()
    {
        await using var factory = new RateLimitServerFactory();
        factory.Settings["RateLimiting:Policies:mcp-tool:Limit"] = "100";
        factory.Settings["RateLimiting:Policies:mcp-tool:Burst"] = "100";
        using var http = factory.CreateClient();
        var token = await UserTokenAsync(factory, http, ["developer"]);
        await using var client = await factory.ConnectMcpAsync(token);

        var consumed = await (await http.PostJsonAsync("/api/v1/ratelimit/check", new { policy = "me", key = "usr_probe", consume = true }, token)).JsonAsync();
        var dry = (await client.CallToolAsync("check_rate", new Dictionary<string, object?> { ["policy"] = "me", ["key"] = "usr_probe" })).Structured();
        var dryAgain = (await client.CallToolAsync("check_rate", new Dictionary<string, object?> { ["policy"] = "me", ["key"] = "usr_probe" })).Structured();
        var unknown = await client.CallToolAsync("check_rate", new Dictionary<string, object?> { ["policy"] = "nope", ["key"] = "x" });
        var policies = await (await http.GetAsync("/api/v1/ratelimit/policies", token)).JsonAsync();
        var status = (await client.CallToolAsync("get_rate_limit_status")).Structured();

        Assert.True(consumed.GetProperty("allowed").GetBoolean());
        Assert.Equal(3, consumed.GetProperty("limit").GetInt32());
        Assert.Equal(2, consumed.GetProperty("remaining").GetInt32());
        // A dry run answers the standing as if this request were taken, and takes nothing.
        Assert.Equal(1, dry.GetProperty("remaining").GetInt32());
        Assert.Equal(1, dryAgain.GetProperty("remaining").GetInt32());
        Assert.Equal(0, dry.GetProperty("retry_after").GetInt64());
        Assert.True(dry.GetProperty("reset_after").GetInt64() > 0);
        Assert.Equal("NOT_FOUND", unknown.ErrorCode());
        Assert.Contains(policies.GetProperty("policies").EnumerateArray(), p => p.Str("name") == "me" && p.GetProperty("limit").GetInt32() == 3);
        Assert.Contains(status.GetProperty("policies").EnumerateArray(), p => p.Str("policy") == "me");
    }

    [Fact]
    public async Task CheckRate_Endpoint_UnknownOrMistypedField_RefusedNamingIt_NothingConsumed()
    {
        await using var factory = new RateLimitServerFactory();
        using var http = factory.CreateClient();
        var token = await UserTokenAsync(factory, http, ["developer"]);

        var typo = await http.PostJsonAsync("/api/v1/ratelimit/check", new { policy = "me", key = "usr_probe", consme = true }, token);
        var mistyped = await http.PostJsonAsync("/api/v1/ratelimit/check", new { policy = "me", key = "usr_probe", consume = "yes" }, token);
        var change = await http.SendJsonAsync(HttpMethod.Put, "/api/v1/ratelimit/policies/me", await factory.AdminTokenAsync(), new { limt = 50 });
        var standing = await (await http.PostJsonAsync("/api/v1/ratelimit/check", new { policy = "me", key = "usr_probe" }, token)).JsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, typo.StatusCode);
        var typoError = (await typo.JsonAsync()).GetProperty("error");
        Assert.Equal("VALIDATION_FAILED", typoError.Str("code"));
        Assert.Equal("consme", typoError.GetProperty("details").Str("field"));
        Assert.Equal("'consme' is not a field of this endpoint's body.", typoError.Str("message"));
        var mistypedError = (await mistyped.JsonAsync()).GetProperty("error");
        Assert.Equal("'consume' is not of the type this field takes.", mistypedError.Str("message"));
        Assert.Equal(HttpStatusCode.BadRequest, change.StatusCode);
        Assert.Equal("limt", (await change.JsonAsync()).GetProperty("error").GetProperty("details").Str("field"));
        // The refused calls took nothing: the dry run still sees the whole allowance less itself.
        Assert.Equal(2, standing.GetProperty("remaining").GetInt32());
    }

    [Fact]
    public async Task CheckRate_WithoutPermission_IsRefusedOnBothFaces()
    {
        await using var factory = new RateLimitServerFactory();
        using var http = factory.CreateClient();
        var token = await UserTokenAsync(factory, http, []);
        await using var client = await factory.ConnectMcpAsync(token);

        var check = await http.PostJsonAsync("/api/v1/ratelimit/check", new { policy = "me", key = "usr_probe" }, token);
        var list = await http.GetAsync("/api/v1/ratelimit/policies", token);
        var tool = await client.CallToolAsync("check_rate", new Dictionary<string, object?> { ["policy"] = "me", ["key"] = "usr_probe" });
        var anonymous = await http.GetAsync("/api/v1/ratelimit/policies", bearer: null);

        Assert.Equal(HttpStatusCode.Forbidden, check.StatusCode);
        Assert.Equal("INSUFFICIENT_PERMISSIONS", await check.ErrorCodeAsync());
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal("INSUFFICIENT_PERMISSIONS", tool.ErrorCode());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Login_StoreDownOnClosedPolicy_Answers503StoreUnavailable()
    {
        await using var factory = new RateLimitServerFactory();
        factory.Settings["Redis:Configuration"] = $"127.0.0.1:{ServerProcess.FreePort()}";
        factory.Settings["Redis:ConnectTimeout"] = "00:00:00.200";
        factory.Settings["Redis:OperationTimeout"] = "00:00:00.200";
        using var http = factory.CreateClient();

        var response = await http.PostJsonAsync("/api/v1/auth/login", new { username = "admin", password = factory.AdminPassword });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("RATE_LIMIT_STORE_UNAVAILABLE", await response.ErrorCodeAsync());
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task SetRateLimitPolicy_AsAdmin_TakesEffectIsAuditedAndValidated()
    {
        await using var factory = new RateLimitServerFactory(adminBypasses: false);
        factory.Settings["RateLimiting:Policies:mcp-tool:Limit"] = "100";
        factory.Settings["RateLimiting:Policies:mcp-tool:Burst"] = "100";
        using var http = factory.CreateClient();
        var admin = await factory.AdminTokenAsync();
        await using var client = await factory.ConnectMcpAsync(admin);
        var developer = await UserTokenAsync(factory, http, ["developer"]);
        await using var developerClient = await factory.ConnectMcpAsync(developer);

        var set = (await client.CallToolAsync("set_rate_limit_policy", new Dictionary<string, object?> { ["policy"] = "me", ["limit"] = 1, ["period_seconds"] = 120 })).Structured();
        var first = await http.GetAsync("/api/v1/me", developer);
        var second = await http.GetAsync("/api/v1/me", developer);
        var bad = await client.CallToolAsync("set_rate_limit_policy", new Dictionary<string, object?> { ["policy"] = "me", ["algorithm"] = "bogus" });
        var empty = await client.CallToolAsync("set_rate_limit_policy", new Dictionary<string, object?> { ["policy"] = "me" });
        var unknown = await client.CallToolAsync("set_rate_limit_policy", new Dictionary<string, object?> { ["policy"] = "nope", ["limit"] = 5 });
        var login = (await client.CallToolAsync("set_rate_limit_policy", new Dictionary<string, object?> { ["policy"] = "login-user", ["limit"] = 50 })).Structured();
        var refused = await developerClient.CallToolAsync("set_rate_limit_policy", new Dictionary<string, object?> { ["policy"] = "me", ["limit"] = 1000 });
        var audit = await (await http.GetAsync("/api/v1/audit?type=rate_limit_policies_changed", admin)).JsonAsync();

        Assert.Equal(1, set.GetProperty("limit").GetInt32());
        Assert.Equal(120, set.GetProperty("period_seconds").GetInt64());
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("1", Header(first, "X-RateLimit-Limit"));
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal("VALIDATION_FAILED", bad.ErrorCode());
        Assert.Equal("VALIDATION_FAILED", empty.ErrorCode());
        Assert.Equal("NOT_FOUND", unknown.ErrorCode());
        Assert.Equal("login", login.Str("category"));
        Assert.Empty(login.GetProperty("bypass_roles").EnumerateArray());
        Assert.Equal("INSUFFICIENT_PERMISSIONS", refused.ErrorCode());
        Assert.Contains(audit.GetProperty("entries").EnumerateArray(), e => e.GetRawText().Contains("runtime", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Mcp_WithoutToken_IsCountedBeforeTheChallenge()
    {
        await using var factory = new RateLimitServerFactory();
        factory.Settings["RateLimiting:Policies:mcp-anonymous:Limit"] = "1";
        factory.Settings["RateLimiting:Policies:mcp-anonymous:Period"] = "00:01:00";
        factory.Settings["RateLimiting:Policies:mcp-anonymous:Algorithm"] = "fixed_window";
        factory.Settings["RateLimiting:Policies:mcp-anonymous:KeyBy:0"] = "endpoint";
        factory.Settings["RateLimiting:Policies:mcp-anonymous:Endpoints:0"] = "/mcp";
        using var http = factory.CreateClient();

        var first = await http.PostJsonAsync("/mcp", new { jsonrpc = "2.0", id = 1, method = "ping" });
        var second = await http.PostJsonAsync("/mcp", new { jsonrpc = "2.0", id = 2, method = "ping" });

        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.Equal("0", Header(first, "X-RateLimit-Remaining"));
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal("RATE_LIMIT_EXCEEDED", await second.ErrorCodeAsync());
    }

    private static async Task<string> UserTokenAsync(ServerFactory factory, HttpClient http, string[] roles)
    {
        var username = $"rl-{Guid.NewGuid():N}"[..20];
        var password = await ServerAccounts.CreateUserAsync(factory, username, roles);
        return (await ServerAccounts.LoginAsync(http, username, password)).Str("access_token");
    }

    private static string Header(HttpResponseMessage response, string name) =>
        Assert.Single(Assert.Contains(name, response.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase)));

    private static JsonElement ErrorBody(CallToolResult result)
    {
        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        return JsonDocument.Parse(text).RootElement.GetProperty("error").Clone();
    }
}
