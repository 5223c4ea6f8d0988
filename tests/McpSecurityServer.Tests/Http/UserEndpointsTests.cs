using System.Net;
using McpSecurity.Tests.Server.Infrastructure;

namespace McpSecurity.Tests.Server.Http;

public sealed class UserEndpointsTests : IClassFixture<AdminServerFactory>
{
    private readonly AdminServerFactory _factory;

    public UserEndpointsTests(AdminServerFactory factory) => _factory = factory;

    [Fact]
    public async Task CreateGetUpdate_AsAdmin_Work_AndNoPasswordIsEchoed()
    {
        var admin = await _factory.AdminTokenAsync();
        using var http = _factory.CreateClient();
        var username = $"new-{Guid.NewGuid():N}"[..20];
        var password = TestSecrets.NewPassword();

        var created = await http.PostJsonAsync("/api/v1/users", new { username, password, roles = new[] { "developer" }, display_name = "New User", email = "new@example.com" }, admin);
        var body = await created.JsonAsync();
        var id = body.Str("id");
        var fetched = await (await http.GetAsync($"/api/v1/users/{id}", admin)).JsonAsync();
        var patched = await http.SendJsonAsync(HttpMethod.Patch, $"/api/v1/users/{id}", admin, new { display_name = "Renamed", status = "suspended" });
        var badEmail = await http.SendJsonAsync(HttpMethod.Patch, $"/api/v1/users/{id}", admin, new { email = "nope" });
        var duplicate = await http.PostJsonAsync("/api/v1/users", new { username, password }, admin);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.DoesNotContain(password, body.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("password_hash", body.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("new@example.com", fetched.Str("email"));
        Assert.Equal(["developer"], fetched.GetProperty("roles").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("active", fetched.Str("status"));
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var patchedBody = await patched.JsonAsync();
        Assert.Equal("Renamed", patchedBody.Str("display_name"));
        Assert.Equal("suspended", patchedBody.Str("status"));
        Assert.Equal(HttpStatusCode.BadRequest, badEmail.StatusCode);
        Assert.Equal("VALIDATION_FAILED", await badEmail.ErrorCodeAsync());
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
    }

    [Fact]
    public async Task List_PagesWithCursorAndFilters()
    {
        var admin = await _factory.AdminTokenAsync();
        using var http = _factory.CreateClient();
        var prefix = $"pg{Guid.NewGuid():N}"[..10];
        for (var i = 0; i < 5; i++)
        {
            await ServerAccounts.CreateUserAsync(_factory, $"{prefix}-{i}", []);
        }

        var names = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var path = $"/api/v1/users?limit=2&q={prefix}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await (await http.GetAsync(path, admin)).JsonAsync();
            Assert.Equal(5, page.GetProperty("total").GetInt32());
            names.AddRange(page.GetProperty("users").EnumerateArray().Select(u => u.Str("username")));
            cursor = page.GetProperty("next_cursor").ValueKind == System.Text.Json.JsonValueKind.Null ? null : page.Str("next_cursor");
            pages++;
        }
        while (cursor is not null);

        var badLimit = await http.GetAsync("/api/v1/users?limit=0", admin);
        var badStatus = await http.GetAsync("/api/v1/users?status=asleep", admin);
        var admins = await (await http.GetAsync("/api/v1/users?role=admin", admin)).JsonAsync();

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"{prefix}-{i}"), names);
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        Assert.Equal("VALIDATION_FAILED", await badStatus.ErrorCodeAsync());
        Assert.Contains(admins.GetProperty("users").EnumerateArray(), u => u.Str("username") == "admin");
    }

    [Fact]
    public async Task Disable_EndsTheUsersSessionsImmediately_AndLoginIsRefused()
    {
        var admin = await _factory.AdminTokenAsync();
        using var http = _factory.CreateClient();
        var username = $"dis-{Guid.NewGuid():N}"[..20];
        var password = await ServerAccounts.CreateUserAsync(_factory, username, []);
        var login = await ServerAccounts.LoginAsync(http, username, password);
        var token = login.Str("access_token");
        var id = (await (await http.GetAsync("/api/v1/me", token)).JsonAsync()).Str("id");

        var disabled = await http.PostJsonAsync($"/api/v1/users/{id}/disable", new { }, admin);
        var after = await http.GetAsync("/api/v1/me", token);
        var refresh = await http.PostFormAsync("/oauth/token", [new("grant_type", "refresh_token"), new("refresh_token", login.Str("refresh_token"))]);
        var relogin = await http.PostJsonAsync("/api/v1/auth/login", new { username, password });

        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.Equal("disabled", (await disabled.JsonAsync()).Str("status"));
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, relogin.StatusCode);
        Assert.Equal("AUTH_ACCOUNT_INACTIVE", await relogin.ErrorCodeAsync());
    }

    [Fact]
    public async Task Delete_HidesTheUserAndLoginLooksLikeAnUnknownUser()
    {
        var admin = await _factory.AdminTokenAsync();
        using var http = _factory.CreateClient();
        var username = $"del-{Guid.NewGuid():N}"[..20];
        var password = await ServerAccounts.CreateUserAsync(_factory, username, []);
        var token = (await ServerAccounts.LoginAsync(http, username, password)).Str("access_token");
        var id = (await (await http.GetAsync("/api/v1/me", token)).JsonAsync()).Str("id");

        var deleted = await http.SendJsonAsync(HttpMethod.Delete, $"/api/v1/users/{id}", admin);
        var get = await http.GetAsync($"/api/v1/users/{id}", admin);
        var login = await http.PostJsonAsync("/api/v1/auth/login", new { username, password });
        var unknown = await http.PostJsonAsync("/api/v1/auth/login", new { username = username + "x", password });
        var list = await (await http.GetAsync($"/api/v1/users?q={username}", admin)).JsonAsync();

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(unknown.StatusCode, login.StatusCode);
        Assert.Equal(await unknown.ErrorCodeAsync(), await login.ErrorCodeAsync());
        Assert.Equal(0, list.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/me", token)).StatusCode);
    }

    [Fact]
    public async Task SetPassword_EndsTheUsersSessions_AndTheNewPasswordLogsIn()
    {
        var admin = await _factory.AdminTokenAsync();
        using var http = _factory.CreateClient();
        var username = $"set-{Guid.NewGuid():N}"[..20];
        var password = await ServerAccounts.CreateUserAsync(_factory, username, []);
        var token = (await ServerAccounts.LoginAsync(http, username, password)).Str("access_token");
        var id = (await (await http.GetAsync("/api/v1/me", token)).JsonAsync()).Str("id");
        var newPassword = TestSecrets.NewPassword();

        var set = await http.PostJsonAsync($"/api/v1/users/{id}/password", new { password = newPassword }, admin);
        var weak = await http.PostJsonAsync($"/api/v1/users/{id}/password", new { password = "short" }, admin);

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(1, (await set.JsonAsync()).GetProperty("sessions_ended").GetInt32());
        Assert.Equal("AUTH_PASSWORD_POLICY", await weak.ErrorCodeAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/me", token)).StatusCode);
        await ServerAccounts.LoginAsync(http, username, newPassword);
    }

    [Theory]
    [InlineData("GET", "/api/v1/users")]
    [InlineData("POST", "/api/v1/users")]
    [InlineData("GET", "/api/v1/users/usr_x")]
    [InlineData("PATCH", "/api/v1/users/usr_x")]
    [InlineData("DELETE", "/api/v1/users/usr_x")]
    [InlineData("POST", "/api/v1/users/usr_x/disable")]
    [InlineData("POST", "/api/v1/users/usr_x/password")]
    [InlineData("GET", "/api/v1/users/usr_x/sessions")]
    [InlineData("DELETE", "/api/v1/users/usr_x/sessions")]
    public async Task UserRoutes_PlainUser_AreRefusedNamingThePermission(string method, string path)
    {
        using var http = _factory.CreateClient();
        var username = $"pl-{Guid.NewGuid():N}"[..20];
        var password = await ServerAccounts.CreateUserAsync(_factory, username, ["developer"]);
        var token = (await ServerAccounts.LoginAsync(http, username, password)).Str("access_token");

        var response = await http.SendJsonAsync(new HttpMethod(method), path, token, method is "POST" or "PATCH" ? new { } : null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("INSUFFICIENT_PERMISSIONS", await response.ErrorCodeAsync());
        Assert.Matches("users:(read|manage)", (await response.JsonAsync()).GetProperty("error").Str("message"));
    }

    [Fact]
    public async Task Me_ProfileForAUser_NotFoundForAClient()
    {
        using var http = _factory.CreateClient();
        var username = $"me-{Guid.NewGuid():N}"[..20];
        var password = await ServerAccounts.CreateUserAsync(_factory, username, []);
        var token = (await ServerAccounts.LoginAsync(http, username, password)).Str("access_token");
        var agent = await ServerAccounts.RegisterClientAsync(_factory, $"me-agent-{Guid.NewGuid():N}"[..24], ["mcp"], []);
        var agentToken = (await (await http.PostFormAsync("/oauth/token", [new("grant_type", "client_credentials")], basic: agent)).JsonAsync()).Str("access_token");

        var me = await (await http.GetAsync("/api/v1/me", token)).JsonAsync();
        var client = await http.GetAsync("/api/v1/me", agentToken);
        var anonymous = await http.GetAsync("/api/v1/me", null);

        Assert.Equal(username, me.Str("username"));
        Assert.Equal(HttpStatusCode.NotFound, client.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
