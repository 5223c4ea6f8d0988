using McpSecurity.Tests.Server.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Client;

namespace McpSecurity.Tests.Server.Mcp;

public sealed class McpStreamableHttpTests : IClassFixture<AdminServerFactory>
{
    private readonly AdminServerFactory _factory;

    public McpStreamableHttpTests(AdminServerFactory factory) => _factory = factory;

    [Fact]
    public async Task ListTools_AdminToken_PublishesFiveAnnotatedToolsWithSchemas()
    {
        await using var client = await ConnectAsync(await _factory.AdminTokenAsync());

        await McpToolScenario.AssertToolListAsync(client);
    }

    [Fact]
    public async Task EveryToolAndResource_AdminToken_Work()
    {
        var agent = await ServerAccounts.RegisterClientAsync(_factory, $"mcp-agent-{Guid.NewGuid():N}", ["mcp"], []);
        await using var client = await ConnectAsync(await _factory.AdminTokenAsync());

        await McpToolScenario.RunLifecycleAsync(client, "admin", _factory.AdminPassword, agent);
    }

    [Fact]
    public async Task RotateSigningKey_CallerWithoutAdminRole_AnswersInsufficientPermissions()
    {
        var agent = await ServerAccounts.RegisterClientAsync(_factory, $"mcp-plain-{Guid.NewGuid():N}", ["mcp"], []);
        using var http = _factory.CreateClient();
        var token = (await (await http.PostFormAsync("/oauth/token", [new("grant_type", "client_credentials")], basic: agent)).JsonAsync()).Str("access_token");
        await using var client = await ConnectAsync(token);

        var result = await client.CallToolAsync("rotate_signing_key");

        Assert.Equal("INSUFFICIENT_PERMISSIONS", result.ErrorCode());
    }

    [Fact]
    public async Task Connect_AllowedBrowserOrigin_IsAccepted()
    {
        await using var client = await ConnectAsync(await _factory.AdminTokenAsync(), origin: "http://localhost:5080");

        Assert.NotNull(client.ServerInfo);
    }

    private async Task<McpClient> ConnectAsync(string token, string? origin = null)
    {
        var http = _factory.CreateClient();
        var options = new HttpClientTransportOptions
        {
            Endpoint = new Uri(http.BaseAddress!, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
        };
        if (origin is not null)
        {
            options.AdditionalHeaders["Origin"] = origin;
        }

        var transport = new HttpClientTransport(options, http, NullLoggerFactory.Instance, ownsHttpClient: true);
        return await McpClient.CreateAsync(transport);
    }
}
