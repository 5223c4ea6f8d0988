using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.Tests.Server.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpSecurity.Tests.Server.Mcp;

/// <summary>The one authorization check through a real MCP client over Streamable HTTP.</summary>
public sealed class McpAuthorizationTests : IClassFixture<AdminServerFactory>
{
    private readonly AdminServerFactory _factory;

    public McpAuthorizationTests(AdminServerFactory factory) => _factory = factory;

    [Fact]
    public async Task RotateSigningKey_CallerWithoutKeysRotate_RefusedNamingThePermissionAndRecorded()
    {
        var (agent, token) = await AgentAsync([Roles.SecurityReviewer]);
        await using var client = await _factory.ConnectMcpAsync(token);

        var result = await client.CallToolAsync("rotate_signing_key");

        Assert.Equal("INSUFFICIENT_PERMISSIONS", result.ErrorCode());
        Assert.Contains("keys:rotate", Text(result), StringComparison.Ordinal);
        var denied = await _factory.Services.GetRequiredService<ISecurityEventReader>().GetRecentAsync(50, SecurityEventTypes.AccessDenied);
        Assert.Contains(denied, e => e.SubjectId == agent && e.Target == "rotate_signing_key" && e.Details["permission"] == "keys:rotate");
    }

    [Fact]
    public async Task ListTools_AdminAndPlainAgent_SeeOnlyWhatTheyMayCall()
    {
        var (_, plainToken) = await AgentAsync([]);
        var (_, reviewerToken) = await AgentAsync([Roles.SecurityReviewer]);
        await using var admin = await _factory.ConnectMcpAsync(await _factory.AdminTokenAsync());
        await using var plain = await _factory.ConnectMcpAsync(plainToken);
        await using var reviewer = await _factory.ConnectMcpAsync(reviewerToken);

        var adminTools = (await admin.ListToolsAsync()).Select(t => t.Name).Order(StringComparer.Ordinal).ToArray();
        var plainTools = (await plain.ListToolsAsync()).Select(t => t.Name).Order(StringComparer.Ordinal).ToArray();
        var reviewerTools = (await reviewer.ListToolsAsync()).Select(t => t.Name).ToArray();

        Assert.Equal(McpToolScenario.ToolNames.Order(StringComparer.Ordinal), adminTools);
        Assert.Equal(McpToolScenario.PlainCallerToolNames.Order(StringComparer.Ordinal), plainTools);
        Assert.Contains("list_roles", reviewerTools);
        Assert.DoesNotContain("rotate_signing_key", reviewerTools);
        Assert.DoesNotContain("assign_role", reviewerTools);
    }

    [Fact]
    public async Task AssignThenRevokeRole_AgentsSameToken_ChangesWhatItMayDoOnTheNextCall()
    {
        var (agent, token) = await AgentAsync([]);
        await using var admin = await _factory.ConnectMcpAsync(await _factory.AdminTokenAsync());
        await using var client = await _factory.ConnectMcpAsync(token);
        Assert.Equal("INSUFFICIENT_PERMISSIONS", (await client.CallToolAsync("rotate_signing_key")).ErrorCode());

        var assigned = (await admin.CallToolAsync("assign_role", Args(("client_id", agent), ("role", "admin")))).Structured();
        var listedAfterAssign = (await client.ListToolsAsync()).Select(t => t.Name).ToArray();
        var rotated = (await client.CallToolAsync("rotate_signing_key")).Structured();
        var revoked = (await admin.CallToolAsync("revoke_role", Args(("client_id", agent), ("role", "admin")))).Structured();
        var afterRevoke = await client.CallToolAsync("rotate_signing_key");
        var listedAfterRevoke = (await client.ListToolsAsync()).Select(t => t.Name).ToArray();

        Assert.Equal("client", assigned.Str("holder_type"));
        Assert.Equal(["admin"], assigned.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Contains("rotate_signing_key", listedAfterAssign);
        Assert.Equal("active", rotated.Str("status"));
        Assert.True(revoked.GetProperty("changed").GetBoolean());
        Assert.Equal("INSUFFICIENT_PERMISSIONS", afterRevoke.ErrorCode());
        Assert.DoesNotContain("rotate_signing_key", listedAfterRevoke);
    }

    [Fact]
    public async Task RevokeToken_OwnAlwaysButAnotherSubjectsOnlyWithTokensRevokeAny()
    {
        var (_, plainToken) = await AgentAsync([]);
        var (_, otherToken) = await AgentAsync([]);
        var (_, ownToken) = await AgentAsync([]);
        await using var plain = await _factory.ConnectMcpAsync(plainToken);

        var other = await plain.CallToolAsync("revoke_token", Args(("token", otherToken)));
        var own = (await plain.CallToolAsync("revoke_token", Args(("token", plainToken)))).Structured();

        Assert.Equal("INSUFFICIENT_PERMISSIONS", other.ErrorCode());
        Assert.Contains("tokens:revoke_any", Text(other), StringComparison.Ordinal);
        Assert.True(own.GetProperty("revoked").GetBoolean());
        await using var stillValid = await _factory.ConnectMcpAsync(otherToken);
        Assert.NotEmpty(await stillValid.ListToolsAsync());
        await using var admin = await _factory.ConnectMcpAsync(await _factory.AdminTokenAsync());
        Assert.True((await admin.CallToolAsync("revoke_token", Args(("token", ownToken)))).Structured().GetProperty("revoked").GetBoolean());
    }

    [Fact]
    public async Task CheckPermission_SelfAndOthers()
    {
        var (agent, token) = await AgentAsync([Roles.Developer]);
        await using var client = await _factory.ConnectMcpAsync(token);
        await using var admin = await _factory.ConnectMcpAsync(await _factory.AdminTokenAsync());

        var self = (await client.CallToolAsync("check_permission", Args(("permission", "handoff:write")))).Structured();
        var denied = (await client.CallToolAsync("check_permission", Args(("permission", "keys:rotate")))).Structured();
        var other = await client.CallToolAsync("check_permission", Args(("permission", "keys:rotate"), ("subject", UserId("admin"))));
        var unknown = await client.CallToolAsync("check_permission", Args(("permission", "keys:steal")));
        var byAdmin = (await admin.CallToolAsync("check_permission", Args(("permission", "handoff:write"), ("subject", agent)))).Structured();

        Assert.True(self.GetProperty("allowed").GetBoolean());
        Assert.Equal(agent, self.Str("subject"));
        Assert.Contains("handoff:write", self.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        Assert.False(denied.GetProperty("allowed").GetBoolean());
        Assert.Equal("INSUFFICIENT_PERMISSIONS", denied.Str("error_code"));
        Assert.Equal("keys:rotate", denied.Str("missing_permission"));
        Assert.Equal("INSUFFICIENT_PERMISSIONS", other.ErrorCode());
        Assert.Contains("users:read", Text(other), StringComparison.Ordinal);
        Assert.Equal("VALIDATION_FAILED", unknown.ErrorCode());
        Assert.True(byAdmin.GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task ListRoles_AdminSeesRolesAndCatalogue_PlainAgentIsRefused()
    {
        var (_, plainToken) = await AgentAsync([]);
        await using var admin = await _factory.ConnectMcpAsync(await _factory.AdminTokenAsync());
        await using var plain = await _factory.ConnectMcpAsync(plainToken);

        var roles = (await admin.CallToolAsync("list_roles")).Structured();
        var refused = await plain.CallToolAsync("list_roles");

        var builtIn = roles.GetProperty("roles").EnumerateArray().Where(r => r.GetProperty("built_in").GetBoolean()).Select(r => r.Str("name"));
        Assert.Equal(["developer", "tech_lead", "qa_engineer", "security_reviewer", "product_owner", "architect", "admin"], builtIn);
        Assert.Contains("roles:assign", roles.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("INSUFFICIENT_PERMISSIONS", refused.ErrorCode());
        Assert.Contains("users:read", Text(refused), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssignRole_TechLeadBeyondItsRightsOrAmbiguousHolder_Refused()
    {
        var (_, leadToken) = await AgentAsync([Roles.TechLead]);
        var username = $"mcp-{Guid.NewGuid():N}"[..20];
        await ServerAccounts.CreateUserAsync(_factory, username, []);
        await using var lead = await _factory.ConnectMcpAsync(leadToken);

        var allowed = (await lead.CallToolAsync("assign_role", Args(("username", username), ("role", "developer")))).Structured();
        var beyond = await lead.CallToolAsync("assign_role", Args(("username", username), ("role", "security_reviewer")));
        var ambiguous = await lead.CallToolAsync("assign_role", Args(("username", username), ("client_id", "x-agent"), ("role", "developer")));

        Assert.Equal(UserId(username), allowed.Str("holder_id"));
        Assert.Equal("INSUFFICIENT_PERMISSIONS", beyond.ErrorCode());
        Assert.Contains("audit:verify", Text(beyond), StringComparison.Ordinal);
        Assert.Equal("VALIDATION_FAILED", ambiguous.ErrorCode());
        Assert.Equal([Roles.Developer], _factory.Services.GetRequiredService<IUserService>().FindByUsername(username)!.Roles);
    }

    [Fact]
    public async Task RevokeRole_LastAdmin_AnswersLastAdmin()
    {
        await using var admin = await _factory.ConnectMcpAsync(await _factory.AdminTokenAsync());

        var result = await admin.CallToolAsync("revoke_role", Args(("username", "admin"), ("role", "admin")));

        Assert.Equal("LAST_ADMIN", result.ErrorCode());
    }

    private static Dictionary<string, object?> Args(params (string Name, string Value)[] arguments) =>
        arguments.ToDictionary(a => a.Name, a => (object?)a.Value);

    private static string Text(CallToolResult result) => Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;

    private string UserId(string username) => _factory.Services.GetRequiredService<IUserService>().FindByUsername(username)!.Id;

    private async Task<(string Id, string Token)> AgentAsync(string[] roles)
    {
        var agent = await ServerAccounts.RegisterClientAsync(_factory, $"mcp-authz-{Guid.NewGuid():N}", ["mcp"], roles);
        using var http = _factory.CreateClient();
        var token = (await (await http.PostFormAsync("/oauth/token", [new("grant_type", "client_credentials")], basic: agent)).JsonAsync()).Str("access_token");
        return (agent.Id, token);
    }
}
