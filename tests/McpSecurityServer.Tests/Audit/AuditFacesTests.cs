using System.Net;
using McpSecurity.SecurityCore.Audit;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.Tests.Server.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;

namespace McpSecurity.Tests.Server.Audit;

/// <summary><c>GET /api/v1/audit/verify</c> and the <c>verify_audit</c> tool over a real server with real events.</summary>
public sealed class AuditFacesTests : IClassFixture<AdminServerFactory>
{
    private readonly AdminServerFactory _factory;

    public AuditFacesTests(AdminServerFactory factory) => _factory = factory;

    [Fact]
    public async Task VerifyEndpoint_SecurityReviewer_AnswersOkOverTheEventsOfThisServer()
    {
        using var client = _factory.CreateClient();
        await ServerAccounts.LoginAsync(client, "admin", _factory.AdminPassword);
        var token = await AgentTokenAsync(client, [Roles.SecurityReviewer]);

        var response = await client.GetAsync("/api/v1/audit/verify", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.True(body.GetProperty("ok").GetBoolean(), body.ToString());
        Assert.True(body.GetProperty("entries_checked").GetInt64() >= 2);
        Assert.Matches("^[0-9a-f]{64}$", body.Str("root_hash"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, body.GetProperty("first_bad_sequence").ValueKind);
        var verified = await _factory.Services.GetRequiredService<ISecurityEventReader>().GetRecentAsync(10, SecurityEventTypes.AuditVerified);
        Assert.Contains(verified, e => e.Outcome == SecurityEventOutcomes.Success && e.SubjectId is not null);
    }

    [Fact]
    public async Task VerifyEndpoint_CallerWithoutAuditVerify_Answers403NamingThePermission()
    {
        using var client = _factory.CreateClient();
        var token = await AgentTokenAsync(client, [Roles.Developer]);

        var response = await client.GetAsync("/api/v1/audit/verify", token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("audit:verify", (await response.JsonAsync()).GetProperty("error").Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyEndpoint_NoToken_Answers401()
    {
        using var client = _factory.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/audit/verify", bearer: null)).StatusCode);
    }

    [Fact]
    public async Task VerifyAuditTool_Admin_AnswersStructuredOkAndPlainCallerIsRefused()
    {
        using var http = _factory.CreateClient();
        await using var admin = await _factory.ConnectMcpAsync(await _factory.AdminTokenAsync());
        await using var plain = await _factory.ConnectMcpAsync(await AgentTokenAsync(http, []));

        var result = (await admin.CallToolAsync("verify_audit")).Structured();
        var refused = await plain.CallToolAsync("verify_audit");

        Assert.True(result.GetProperty("ok").GetBoolean(), result.ToString());
        Assert.True(result.GetProperty("entries_checked").GetInt64() > 0);
        Assert.Equal("INSUFFICIENT_PERMISSIONS", refused.ErrorCode());
    }

    [Fact]
    public async Task EveryComponentsEvents_LandInTheTrail()
    {
        using var client = _factory.CreateClient();
        await client.PostJsonAsync("/api/v1/auth/login", new { username = "admin", password = "wrong-password-for-audit" });

        var trail = _factory.Services.GetRequiredService<IAuditTrail>();
        await trail.FlushAsync();
        var recent = trail.GetRecent(50, SecurityEventTypes.LoginFailed);

        Assert.Contains(recent, e => e.Outcome == SecurityEventOutcomes.Failure && e.Target == "admin" && e.ReasonCode == "AUTH_INVALID_CREDENTIALS");
        Assert.All(recent, e => Assert.Matches("^[0-9a-f]{64}$", e.EntryHash));
    }

    [Fact]
    public async Task VerifyEndpoint_AdminByPassword_TheEntryRecordsTheCallersRolesAndMethod()
    {
        using var client = _factory.CreateClient();
        var token = await _factory.AdminTokenAsync();

        var response = await client.GetAsync("/api/v1/audit/verify", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var requestId = response.Headers.GetValues("X-Request-Id").Single();
        var trail = _factory.Services.GetRequiredService<IAuditTrail>();
        await trail.FlushAsync();
        var entry = Assert.Single(trail.GetRecent(100, SecurityEventTypes.AuditVerified), e => e.RequestId == requestId);
        Assert.Contains(Roles.Admin, entry.Actor.Roles);
        Assert.Equal(AuthenticationMethodNames.Password, entry.Actor.AuthenticationMethod);
    }

    [Fact]
    public async Task VerifyAuditTool_AgentByClientCredentials_TheEntryRecordsItsRolesAndMethod()
    {
        using var http = _factory.CreateClient();
        await using var agent = await _factory.ConnectMcpAsync(await AgentTokenAsync(http, [Roles.SecurityReviewer]));
        var trail = _factory.Services.GetRequiredService<IAuditTrail>();

        var result = await agent.CallToolAsync("verify_audit");

        Assert.NotEqual(true, result.IsError);
        await trail.FlushAsync();
        var entry = trail.GetRecent(100, SecurityEventTypes.AuditVerified).First(e => e.Actor.Roles.Contains(Roles.SecurityReviewer));
        Assert.Equal(AuthenticationMethodNames.ClientCredentials, entry.Actor.AuthenticationMethod);
        Assert.StartsWith("audit-agent-", entry.Actor.ClientId, StringComparison.Ordinal);
    }

    private async Task<string> AgentTokenAsync(HttpClient client, string[] roles)
    {
        var agent = await ServerAccounts.RegisterClientAsync(_factory, $"audit-agent-{Guid.NewGuid():N}", ["mcp"], roles);
        return (await (await client.PostFormAsync("/oauth/token", [new("grant_type", "client_credentials")], basic: agent)).JsonAsync()).Str("access_token");
    }
}
