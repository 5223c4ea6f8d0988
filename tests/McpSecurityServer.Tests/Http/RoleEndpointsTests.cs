using System.Net;
using System.Net.Http.Headers;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.Tests.Server.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace McpSecurity.Tests.Server.Http;

public sealed class RoleEndpointsTests : IClassFixture<AdminServerFactory>
{
    private readonly AdminServerFactory _factory;

    public RoleEndpointsTests(AdminServerFactory factory) => _factory = factory;

    [Fact]
    public async Task KeysRotate_CallerWithoutKeysRotate_Answers403NamingThePermission()
    {
        using var client = _factory.CreateClient();
        var token = await ClientTokenAsync(client, []);

        var response = await client.PostFormAsync("/api/v1/keys/rotate", [], bearer: token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.StartsWith("Bearer error=\"insufficient_scope\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        var error = (await response.JsonAsync()).GetProperty("error");
        Assert.Equal("INSUFFICIENT_PERMISSIONS", error.Str("code"));
        Assert.Contains("keys:rotate", error.Str("message"), StringComparison.Ordinal);
        Assert.Equal("keys:rotate", error.GetProperty("details").Str("required_permission"));
    }

    [Fact]
    public async Task Keys_SecurityReviewer_MayListButNotRotate()
    {
        using var client = _factory.CreateClient();
        var token = await ClientTokenAsync(client, [Roles.SecurityReviewer]);

        var list = await client.GetAsync("/api/v1/keys", token);
        var rotate = await client.PostFormAsync("/api/v1/keys/rotate", [], bearer: token);

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, rotate.StatusCode);
        Assert.Contains("keys:rotate", (await rotate.JsonAsync()).GetProperty("error").Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Roles_Admin_ListsTheSevenBuiltInRolesAndTheCatalogue()
    {
        using var client = _factory.CreateClient();

        var response = await client.GetAsync("/api/v1/roles", await _factory.AdminTokenAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        var builtIn = body.GetProperty("roles").EnumerateArray().Where(r => r.GetProperty("built_in").GetBoolean()).Select(r => r.Str("name"));
        Assert.Equal(["developer", "tech_lead", "qa_engineer", "security_reviewer", "product_owner", "architect", "admin"], builtIn);
        Assert.Contains("keys:rotate", body.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task Roles_CallerWithoutUsersRead_Answers403()
    {
        using var client = _factory.CreateClient();

        var response = await client.GetAsync("/api/v1/roles", await ClientTokenAsync(client, [Roles.Developer]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("users:read", (await response.JsonAsync()).GetProperty("error").Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssignThenRevoke_SameToken_TakesEffectOnTheNextRequest()
    {
        using var client = _factory.CreateClient();
        var admin = await _factory.AdminTokenAsync();
        var username = $"dev-{Guid.NewGuid():N}"[..20];
        var password = await ServerAccounts.CreateUserAsync(_factory, username, []);
        var userId = UserId(username);
        var token = (await ServerAccounts.LoginAsync(client, username, password)).Str("access_token");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/keys", token)).StatusCode);

        var assigned = await client.PostJsonAsync($"/api/v1/users/{userId}/roles", new { role = "security_reviewer" }, admin);
        var afterAssign = await client.GetAsync("/api/v1/keys", token);
        var revoked = await SendAsync(client, HttpMethod.Delete, $"/api/v1/users/{userId}/roles/security_reviewer", admin);
        var afterRevoke = await client.GetAsync("/api/v1/keys", token);

        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        var body = await assigned.JsonAsync();
        Assert.Equal("user", body.Str("holder_type"));
        Assert.Equal(userId, body.Str("holder_id"));
        Assert.True(body.GetProperty("changed").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, afterAssign.StatusCode);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Empty((await revoked.JsonAsync()).GetProperty("roles").EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, afterRevoke.StatusCode);
    }

    [Fact]
    public async Task Revoke_LastAdmin_Answers409LastAdmin()
    {
        using var client = _factory.CreateClient();

        var response = await SendAsync(client, HttpMethod.Delete, $"/api/v1/users/{UserId("admin")}/roles/admin", await _factory.AdminTokenAsync());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("LAST_ADMIN", await response.ErrorCodeAsync());
        Assert.Contains(Roles.Admin, _factory.Services.GetRequiredService<IUserService>().FindByUsername("admin")!.Roles);
    }

    [Fact]
    public async Task Assign_TechLeadGrantingMoreThanItHolds_Answers403NamingTheMissingPermissions()
    {
        using var client = _factory.CreateClient();
        var lead = await ClientTokenAsync(client, [Roles.TechLead]);
        var username = $"qa-{Guid.NewGuid():N}"[..20];
        await ServerAccounts.CreateUserAsync(_factory, username, []);

        var allowed = await client.PostJsonAsync($"/api/v1/users/{UserId(username)}/roles", new { role = "qa_engineer" }, lead);
        var refused = await client.PostJsonAsync($"/api/v1/users/{UserId(username)}/roles", new { role = "security_reviewer" }, lead);

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var error = (await refused.JsonAsync()).GetProperty("error");
        Assert.Equal("INSUFFICIENT_PERMISSIONS", error.Str("code"));
        Assert.Contains("audit:verify", error.Str("message"), StringComparison.Ordinal);
        Assert.Equal([Roles.QaEngineer], _factory.Services.GetRequiredService<IUserService>().FindByUsername(username)!.Roles);
    }

    [Fact]
    public async Task Assign_UnknownRoleOrUser_Answers404()
    {
        using var client = _factory.CreateClient();
        var admin = await _factory.AdminTokenAsync();

        var role = await client.PostJsonAsync($"/api/v1/users/{UserId("admin")}/roles", new { role = "wizard" }, admin);
        var user = await client.PostJsonAsync("/api/v1/users/usr_missing/roles", new { role = "developer" }, admin);
        var empty = await client.PostJsonAsync($"/api/v1/users/{UserId("admin")}/roles", new { }, admin);

        Assert.Equal(HttpStatusCode.NotFound, role.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, user.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("VALIDATION_FAILED", await empty.ErrorCodeAsync());
    }

    [Fact]
    public async Task ClientRoles_AssignedOverRest_ApplyToTheClientsExistingToken()
    {
        using var client = _factory.CreateClient();
        var agent = await ServerAccounts.RegisterClientAsync(_factory, $"rest-agent-{Guid.NewGuid():N}", ["mcp"], []);
        var token = await TokenAsync(client, agent);
        var admin = await _factory.AdminTokenAsync();

        var assigned = await client.PostJsonAsync($"/api/v1/clients/{agent.Id}/roles", new { role = "architect" }, admin);
        var keys = await client.GetAsync("/api/v1/keys", token);
        var revoked = await SendAsync(client, HttpMethod.Delete, $"/api/v1/clients/{agent.Id}/roles/architect", admin);

        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        Assert.Equal("client", (await assigned.JsonAsync()).Str("holder_type"));
        Assert.Equal(HttpStatusCode.OK, keys.StatusCode);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/keys", token)).StatusCode);
    }

    [Fact]
    public async Task CreateRole_Admin_Answers201AndTheRoleIsAssignable()
    {
        using var client = _factory.CreateClient();
        var admin = await _factory.AdminTokenAsync();
        var name = $"auditor-{Guid.NewGuid():N}"[..16];

        var created = await client.PostJsonAsync("/api/v1/roles", new { name, description = "Reads the audit trail", permissions = new[] { "audit:*", "keys:read" } }, admin);
        var agent = await ServerAccounts.RegisterClientAsync(_factory, $"auditor-bot-{Guid.NewGuid():N}", ["mcp"], []);
        var assigned = await client.PostJsonAsync($"/api/v1/clients/{agent.Id}/roles", new { role = name }, admin);
        var keys = await client.GetAsync("/api/v1/keys", await TokenAsync(client, agent));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var role = await created.JsonAsync();
        Assert.False(role.GetProperty("built_in").GetBoolean());
        Assert.Equal(["audit:read", "audit:verify", "audit:export", "keys:read"], role.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        Assert.Equal(HttpStatusCode.OK, keys.StatusCode);
    }

    [Fact]
    public async Task CreateRole_UnknownPermission_Answers400NamingIt()
    {
        using var client = _factory.CreateClient();

        var response = await client.PostJsonAsync("/api/v1/roles", new { name = "broken", permissions = new[] { "keys:steal" } }, await _factory.AdminTokenAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.JsonAsync()).GetProperty("error");
        Assert.Equal("VALIDATION_FAILED", error.Str("code"));
        Assert.Contains("keys:steal", error.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateRole_WithoutRolesManage_Answers403()
    {
        using var client = _factory.CreateClient();

        var response = await client.PostJsonAsync("/api/v1/roles", new { name = "helper", permissions = new[] { "handoff:read" } }, await ClientTokenAsync(client, [Roles.TechLead]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("roles:manage", (await response.JsonAsync()).GetProperty("error").Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lockout_FiveWrongPasswords_LockUntilAnAdminUnlocks()
    {
        using var client = _factory.CreateClient();
        var username = $"lock-{Guid.NewGuid():N}"[..20];
        var password = await ServerAccounts.CreateUserAsync(_factory, username, [Roles.Developer]);
        var session = await ServerAccounts.LoginAsync(client, username, password);
        var codes = new List<string?>();
        for (var i = 0; i < 5; i++)
        {
            codes.Add(await (await client.PostJsonAsync("/api/v1/auth/login", new { username, password = password + "x" })).ErrorCodeAsync());
        }

        var whileLocked = await client.PostJsonAsync("/api/v1/auth/login", new { username, password });
        var refresh = await client.PostFormAsync("/oauth/token", [new("grant_type", "refresh_token"), new("refresh_token", session.Str("refresh_token"))]);
        var plainUnlock = await client.PostJsonAsync($"/api/v1/users/{UserId(username)}/unlock", new { }, await ClientTokenAsync(client, [Roles.TechLead]));
        var unlock = await client.PostJsonAsync($"/api/v1/users/{UserId(username)}/unlock", new { }, await _factory.AdminTokenAsync());
        var afterUnlock = await client.PostJsonAsync("/api/v1/auth/login", new { username, password });

        Assert.Equal(["AUTH_INVALID_CREDENTIALS", "AUTH_INVALID_CREDENTIALS", "AUTH_INVALID_CREDENTIALS", "AUTH_INVALID_CREDENTIALS", "AUTH_ACCOUNT_LOCKED"], codes);
        Assert.Equal(HttpStatusCode.Forbidden, whileLocked.StatusCode);
        Assert.Equal("AUTH_ACCOUNT_LOCKED", await whileLocked.ErrorCodeAsync());
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, plainUnlock.StatusCode);
        Assert.Contains("users:manage", (await plainUnlock.JsonAsync()).GetProperty("error").Str("message"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, unlock.StatusCode);
        var unlocked = await unlock.JsonAsync();
        Assert.True(unlocked.GetProperty("was_locked").GetBoolean());
        Assert.Equal("active", unlocked.Str("status"));
        Assert.Equal(HttpStatusCode.OK, afterUnlock.StatusCode);
    }

    [Fact]
    public async Task Unlock_UnknownUser_Answers404()
    {
        using var client = _factory.CreateClient();

        var response = await client.PostJsonAsync("/api/v1/users/usr_nobody/unlock", new { }, await _factory.AdminTokenAsync());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task OAuthRevoke_AnotherSubjectsToken_NeedsTokensRevokeAny()
    {
        using var client = _factory.CreateClient();
        var victim = await ServerAccounts.RegisterClientAsync(_factory, $"victim-{Guid.NewGuid():N}", ["mcp"], []);
        var attacker = await ServerAccounts.RegisterClientAsync(_factory, $"other-{Guid.NewGuid():N}", ["mcp"], []);
        var victimToken = await TokenAsync(client, victim);

        var refused = await client.PostFormAsync("/oauth/revoke", [new("token", victimToken)], basic: attacker);
        var stillWorks = await client.PostFormAsync("/oauth/introspect", [new("token", victimToken)], basic: victim);
        var byAdmin = await client.PostFormAsync("/oauth/revoke", [new("token", victimToken)], bearer: await _factory.AdminTokenAsync());
        var afterAdmin = await client.PostFormAsync("/oauth/introspect", [new("token", victimToken)], basic: victim);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var error = await refused.JsonAsync();
        Assert.Equal("unauthorized_client", error.Str("error"));
        Assert.Contains("tokens:revoke_any", error.Str("error_description"), StringComparison.Ordinal);
        Assert.True((await stillWorks.JsonAsync()).GetProperty("active").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        Assert.False((await afterAdmin.JsonAsync()).GetProperty("active").GetBoolean());
    }

    private string UserId(string username) => _factory.Services.GetRequiredService<IUserService>().FindByUsername(username)!.Id;

    private async Task<string> ClientTokenAsync(HttpClient client, string[] roles)
    {
        var agent = await ServerAccounts.RegisterClientAsync(_factory, $"role-agent-{Guid.NewGuid():N}", ["mcp"], roles);
        return await TokenAsync(client, agent);
    }

    private static async Task<string> TokenAsync(HttpClient client, (string Id, string Secret) agent) =>
        (await (await client.PostFormAsync("/oauth/token", [new("grant_type", "client_credentials")], basic: agent)).JsonAsync()).Str("access_token");

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string bearer)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return client.SendAsync(request);
    }
}
