using McpSecurity.Tests.Server.Infrastructure;

namespace McpSecurity.Tests.Server.Mcp;

public sealed class McpStreamableHttpTests : IClassFixture<AdminServerFactory>
{
    private readonly AdminServerFactory _factory;

    public McpStreamableHttpTests(AdminServerFactory factory) => _factory = factory;

    [Fact]
    public async Task ListTools_AdminToken_PublishesEveryToolAnnotatedWithSchemas()
    {
        await using var client = await _factory.ConnectMcpAsync(await _factory.AdminTokenAsync());

        await McpToolScenario.AssertToolListAsync(client);
    }

    [Fact]
    public async Task EveryToolAndResource_AdminToken_Work()
    {
        var agent = await ServerAccounts.RegisterClientAsync(_factory, $"mcp-agent-{Guid.NewGuid():N}", ["mcp"], []);
        await using var client = await _factory.ConnectMcpAsync(await _factory.AdminTokenAsync());

        await McpToolScenario.RunLifecycleAsync(client, "admin", _factory.AdminPassword, agent);
    }

    [Fact]
    public async Task RotateSigningKey_CallerWithoutAdminRole_AnswersInsufficientPermissions()
    {
        var agent = await ServerAccounts.RegisterClientAsync(_factory, $"mcp-plain-{Guid.NewGuid():N}", ["mcp"], []);
        using var http = _factory.CreateClient();
        var token = (await (await http.PostFormAsync("/oauth/token", [new("grant_type", "client_credentials")], basic: agent)).JsonAsync()).Str("access_token");
        await using var client = await _factory.ConnectMcpAsync(token);

        var result = await client.CallToolAsync("rotate_signing_key");

        Assert.Equal("INSUFFICIENT_PERMISSIONS", result.ErrorCode());
    }

    [Fact]
    public async Task Connect_AllowedBrowserOrigin_IsAccepted()
    {
        await using var client = await _factory.ConnectMcpAsync(await _factory.AdminTokenAsync(), origin: "http://localhost:5080");

        Assert.NotNull(client.ServerInfo);
    }
}
