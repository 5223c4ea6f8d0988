using McpSecurity.Tests.Server.Infrastructure;
using ModelContextProtocol.Client;

namespace McpSecurity.Tests.Server.Mcp;

/// <summary>The user and session tools over Streamable HTTP, with a real MCP client.</summary>
public sealed class McpUserToolsTests : IClassFixture<AdminServerFactory>
{
    private readonly AdminServerFactory _factory;

    public McpUserToolsTests(AdminServerFactory factory) => _factory = factory;

    [Fact]
    public async Task CreateListSetPasswordDisable_AsAdmin_WorkAndEndSessions()
    {
        await using var admin = await _factory.ConnectMcpAsync(await _factory.AdminTokenAsync());
        using var http = _factory.CreateClient();
        var username = $"mcpu-{Guid.NewGuid():N}"[..20];
        var password = TestSecrets.NewPassword();

        var created = (await admin.CallToolAsync("create_user", new Dictionary<string, object?>
        {
            ["username"] = username,
            ["password"] = password,
            ["roles"] = new[] { "developer" },
            ["email"] = "mcp@example.com",
        })).Structured();
        var listed = (await admin.CallToolAsync("list_users", new Dictionary<string, object?> { ["q"] = username })).Structured();
        var userToken = (await ServerAccounts.LoginAsync(http, username, password)).Str("access_token");
        var sessions = (await admin.CallToolAsync("list_sessions", new Dictionary<string, object?> { ["username"] = username })).Structured();
        var newPassword = TestSecrets.NewPassword();
        var set = (await admin.CallToolAsync("set_password", new Dictionary<string, object?> { ["username"] = username, ["password"] = newPassword })).Structured();
        var afterSet = await http.GetAsync("/api/v1/me", userToken);
        var weak = await admin.CallToolAsync("set_password", new Dictionary<string, object?> { ["username"] = username, ["password"] = "short" });
        var disabled = (await admin.CallToolAsync("disable_user", new Dictionary<string, object?> { ["user_id"] = created.Str("id") })).Structured();
        var relogin = await http.PostJsonAsync("/api/v1/auth/login", new { username, password = newPassword });

        Assert.Equal(username, created.Str("username"));
        Assert.DoesNotContain(password, created.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(1, listed.GetProperty("total").GetInt32());
        Assert.Equal("mcp@example.com", listed.GetProperty("users")[0].Str("email"));
        Assert.Single(sessions.GetProperty("sessions").EnumerateArray());
        Assert.Equal(1, set.GetProperty("sessions_ended").GetInt32());
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, afterSet.StatusCode);
        Assert.Equal("AUTH_PASSWORD_POLICY", weak.ErrorCode());
        Assert.Equal("disabled", disabled.Str("status"));
        Assert.Equal("AUTH_ACCOUNT_INACTIVE", await relogin.ErrorCodeAsync());
    }

    [Fact]
    public async Task ListAndRevokeSession_OwnSessions_WorkForAPlainUser_OthersAreRefused()
    {
        using var http = _factory.CreateClient();
        var username = $"mcps-{Guid.NewGuid():N}"[..20];
        var password = await ServerAccounts.CreateUserAsync(_factory, username, []);
        var mine = (await ServerAccounts.LoginAsync(http, username, password)).Str("access_token");
        var other = (await ServerAccounts.LoginAsync(http, username, password)).Str("access_token");
        await using var client = await _factory.ConnectMcpAsync(mine);

        var tools = (await client.ListToolsAsync()).Select(t => t.Name).ToList();
        var listed = (await client.CallToolAsync("list_sessions")).Structured();
        var otherSession = listed.GetProperty("sessions").EnumerateArray().Single(s => !s.GetProperty("current").GetBoolean()).Str("session_id");
        var revoked = (await client.CallToolAsync("revoke_session", new Dictionary<string, object?> { ["session_id"] = otherSession })).Structured();
        var otherAfter = await http.GetAsync("/api/v1/me", other);
        var adminSessions = await client.CallToolAsync("list_sessions", new Dictionary<string, object?> { ["username"] = "admin" });
        var adminAll = await client.CallToolAsync("revoke_session", new Dictionary<string, object?> { ["all"] = true, ["username"] = "admin" });
        var create = await client.CallToolAsync("create_user", new Dictionary<string, object?> { ["username"] = "mallory", ["password"] = TestSecrets.NewPassword() });
        var neither = await client.CallToolAsync("revoke_session");

        Assert.Contains("list_sessions", tools);
        Assert.Contains("revoke_session", tools);
        Assert.DoesNotContain("create_user", tools);
        Assert.DoesNotContain("list_users", tools);
        Assert.Equal(2, listed.GetProperty("sessions").GetArrayLength());
        Assert.Equal(1, revoked.GetProperty("sessions_ended").GetInt32());
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, otherAfter.StatusCode);
        Assert.Equal("INSUFFICIENT_PERMISSIONS", adminSessions.ErrorCode());
        Assert.Equal("INSUFFICIENT_PERMISSIONS", adminAll.ErrorCode());
        Assert.Equal("INSUFFICIENT_PERMISSIONS", create.ErrorCode());
        Assert.Equal("VALIDATION_FAILED", neither.ErrorCode());

        var all = (await client.CallToolAsync("revoke_session", new Dictionary<string, object?> { ["all"] = true })).Structured();
        Assert.Equal(1, all.GetProperty("sessions_ended").GetInt32());
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/me", mine)).StatusCode);
    }
}
