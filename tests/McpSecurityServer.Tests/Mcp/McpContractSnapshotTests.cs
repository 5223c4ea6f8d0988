using System.Text.Json;
using McpSecurity.Tests.Server.Infrastructure;
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
        await using var client = await _factory.ConnectMcpAsync(await _factory.AdminTokenAsync());

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
}
