using System.Text.Json;
using McpSecurity.Tests.Server.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Client;
using Newtonsoft.Json.Linq;
using Snapshooter.Xunit;

namespace McpSecurity.Tests.Server.Mcp;

/// <summary>
/// Pins the public contract agents program against: tool names, descriptions, input and output schemas, annotations,
/// and the resource list. A change here is a change for every MCP client, so it must show up in review.
/// </summary>
public sealed class McpContractSnapshotTests : IClassFixture<AdminServerFactory>
{
    private readonly AdminServerFactory _factory;

    public McpContractSnapshotTests(AdminServerFactory factory) => _factory = factory;

    [Fact]
    public async Task ListToolsAndResources_AdminToken_MatchTheCommittedContract()
    {
        await using var client = await ConnectAsync(await _factory.AdminTokenAsync());

        var tools = (await client.ListToolsAsync()).OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => new
        {
            t.Name,
            t.Description,
            InputSchema = Parse(t.ProtocolTool.InputSchema),
            OutputSchema = t.ProtocolTool.OutputSchema is { } output ? Parse(output) : null,
            Annotations = new
            {
                t.ProtocolTool.Annotations?.ReadOnlyHint,
                t.ProtocolTool.Annotations?.DestructiveHint,
                t.ProtocolTool.Annotations?.IdempotentHint,
                t.ProtocolTool.Annotations?.OpenWorldHint,
            },
        });
        var resources = (await client.ListResourcesAsync()).OrderBy(r => r.Uri, StringComparer.Ordinal)
            .Select(r => new { r.Uri, r.Name, r.Description, r.MimeType });

        Snapshot.Match(new { Tools = tools, Resources = resources });
    }

    private static JToken Parse(JsonElement element) => JToken.Parse(element.GetRawText());

    private async Task<McpClient> ConnectAsync(string token)
    {
        var http = _factory.CreateClient();
        var options = new HttpClientTransportOptions
        {
            Endpoint = new Uri(http.BaseAddress!, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
        };
        var transport = new HttpClientTransport(options, http, NullLoggerFactory.Instance, ownsHttpClient: true);
        return await McpClient.CreateAsync(transport);
    }
}
