using System.Net;
using McpSecurity.Tests.Server.Infrastructure;

namespace McpSecurity.Tests.Server.Http;

/// <summary>Session timeouts and revocation through the REST face (a fresh server per test: each test moves the clock).</summary>
public sealed class SessionEndpointsTests : IAsyncLifetime
{
    private readonly SessionServerFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task AuthenticatedRequest_IdleTimeout_EndsTheSession_ActivityKeepsItAlive()
    {
        var (http, token, _) = await LoginUserAsync();

        _factory.Time.Advance(TimeSpan.FromMinutes(14));
        var active = await http.GetAsync("/api/v1/me", token);
        _factory.Time.Advance(TimeSpan.FromMinutes(14));
        var stillActive = await http.GetAsync("/api/v1/me", token);
        _factory.Time.Advance(TimeSpan.FromMinutes(15));
        var idle = await http.GetAsync("/api/v1/me", token);

        Assert.Equal(HttpStatusCode.OK, active.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillActive.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, idle.StatusCode);
        Assert.Equal("AUTH_SESSION_EXPIRED", await idle.ErrorCodeAsync());
        Assert.Contains("error_description=\"AUTH_SESSION_EXPIRED\"", idle.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task McpRequest_IdleTimeout_IsRefusedByTheBearerHandler()
    {
        var (http, token, _) = await LoginUserAsync();
        _factory.Time.Advance(TimeSpan.FromMinutes(16));

        var request = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("AUTH_SESSION_EXPIRED", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_AfterTheIdleTimeout_IsRefused()
    {
        var (http, _, login) = await LoginUserAsync();
        _factory.Time.Advance(TimeSpan.FromMinutes(16));

        var refresh = await http.PostFormAsync("/oauth/token", [new("grant_type", "refresh_token"), new("refresh_token", login.Str("refresh_token"))]);

        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
        Assert.Equal("invalid_grant", (await refresh.JsonAsync()).Str("error"));
    }

    [Fact]
    public async Task AuthenticatedRequest_AbsoluteTimeout_EndsTheSessionDespiteActivity()
    {
        var (http, token, _) = await LoginUserAsync();
        for (var i = 0; i < 11; i++)
        {
            _factory.Time.Advance(TimeSpan.FromMinutes(10));
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/me", token)).StatusCode);
        }

        _factory.Time.Advance(TimeSpan.FromMinutes(10));
        var ended = await http.GetAsync("/api/v1/me", token);

        Assert.Equal(HttpStatusCode.Unauthorized, ended.StatusCode);
        Assert.Equal("AUTH_SESSION_EXPIRED", await ended.ErrorCodeAsync());
    }

    [Fact]
    public async Task MeSessions_ListAndRevokeOwn_OtherSessionStopsWorkingAtOnce()
    {
        var username = $"sess-{Guid.NewGuid():N}"[..20];
        var password = await ServerAccounts.CreateUserAsync(_factory, username, []);
        using var http = _factory.CreateClient();
        http.DefaultRequestHeaders.UserAgent.ParseAdd("SessionTests/2.0");
        var first = await ServerAccounts.LoginAsync(http, username, password);
        var second = await ServerAccounts.LoginAsync(http, username, password);
        var token = first.Str("access_token");

        var list = await (await http.GetAsync("/api/v1/me/sessions", token)).JsonAsync();
        var sessions = list.GetProperty("sessions").EnumerateArray().ToList();
        var current = sessions.Single(s => s.GetProperty("current").GetBoolean());
        var other = sessions.Single(s => !s.GetProperty("current").GetBoolean());
        var revoke = await http.SendJsonAsync(HttpMethod.Delete, $"/api/v1/me/sessions/{other.Str("session_id")}", token);
        var otherAfter = await http.GetAsync("/api/v1/me", second.Str("access_token"));
        var mineAfter = await http.GetAsync("/api/v1/me", token);

        Assert.Equal(2, sessions.Count);
        Assert.Equal("SessionTests/2.0", current.Str("user_agent"));
        Assert.Equal("mcpsec-login", current.Str("client_id"));
        Assert.Equal(["pwd"], current.GetProperty("authentication_methods").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("active", current.Str("status"));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal("ended", (await revoke.JsonAsync()).Str("status"));
        Assert.Equal(HttpStatusCode.Unauthorized, otherAfter.StatusCode);
        Assert.Equal("AUTH_TOKEN_REVOKED", await otherAfter.ErrorCodeAsync());
        Assert.Equal(HttpStatusCode.OK, mineAfter.StatusCode);
    }

    [Fact]
    public async Task Sessions_AnotherUsersSession_IsNotFoundWithoutUsersManage_AndTheirListNeedsUsersRead()
    {
        var (http, token, _) = await LoginUserAsync();
        var (_, victimToken, _) = await LoginUserAsync();
        var victimId = (await (await http.GetAsync("/api/v1/me", victimToken)).JsonAsync()).Str("id");
        var victimSession = await OwnSessionIdAsync(http, victimToken);

        var revoke = await http.SendJsonAsync(HttpMethod.Delete, $"/api/v1/sessions/{victimSession}", token);
        var list = await http.GetAsync($"/api/v1/sessions?user_id={victimId}", token);
        var own = await http.GetAsync("/api/v1/sessions", token);

        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal("INSUFFICIENT_PERMISSIONS", await list.ErrorCodeAsync());
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/me", victimToken)).StatusCode);
    }

    [Fact]
    public async Task AdminRevokeAll_EndsEverySessionOfTheUser()
    {
        var (http, token, _) = await LoginUserAsync();
        var userId = (await (await http.GetAsync("/api/v1/me", token)).JsonAsync()).Str("id");
        var sessionId = await OwnSessionIdAsync(http, token);
        var admin = await _factory.AdminTokenAsync();

        var listed = await (await http.GetAsync($"/api/v1/sessions?user_id={userId}", admin)).JsonAsync();
        var revoked = await http.SendJsonAsync(HttpMethod.Delete, $"/api/v1/users/{userId}/sessions", admin);
        var after = await http.GetAsync("/api/v1/me", token);

        Assert.Equal(sessionId, Assert.Single(listed.GetProperty("sessions").EnumerateArray()).Str("session_id"));
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(1, (await revoked.JsonAsync()).GetProperty("sessions_ended").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task ChangeOwnPassword_EndsTheOtherSessions_KeepsThisOne()
    {
        var username = $"pw-{Guid.NewGuid():N}"[..20];
        var password = await ServerAccounts.CreateUserAsync(_factory, username, []);
        using var http = _factory.CreateClient();
        var mine = (await ServerAccounts.LoginAsync(http, username, password)).Str("access_token");
        var other = (await ServerAccounts.LoginAsync(http, username, password)).Str("access_token");
        var newPassword = TestSecrets.NewPassword();

        var wrong = await http.PostJsonAsync("/api/v1/me/password", new { current_password = "wrong-password-entirely", new_password = newPassword }, mine);
        var changed = await http.PostJsonAsync("/api/v1/me/password", new { current_password = password, new_password = newPassword }, mine);

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("AUTH_INVALID_CREDENTIALS", await wrong.ErrorCodeAsync());
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(1, (await changed.JsonAsync()).GetProperty("sessions_ended").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/me", mine)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/me", other)).StatusCode);
        await ServerAccounts.LoginAsync(http, username, newPassword);
    }

    private static async Task<string> OwnSessionIdAsync(HttpClient http, string token) =>
        Assert.Single((await (await http.GetAsync("/api/v1/me/sessions", token)).JsonAsync()).GetProperty("sessions").EnumerateArray()).Str("session_id");

    private async Task<(HttpClient Http, string Token, System.Text.Json.JsonElement Login)> LoginUserAsync()
    {
        var username = $"u-{Guid.NewGuid():N}"[..20];
        var password = await ServerAccounts.CreateUserAsync(_factory, username, []);
        var http = _factory.CreateClient();
        var login = await ServerAccounts.LoginAsync(http, username, password);
        return (http, login.Str("access_token"), login);
    }
}
