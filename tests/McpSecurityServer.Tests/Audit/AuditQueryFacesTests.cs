using System.Net;
using System.Text;
using System.Text.Json;
using McpSecurity.SecurityCore.Audit;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.Tests.Server.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpSecurity.Tests.Server.Audit;

/// <summary><c>GET /api/v1/audit</c>, <c>/proof</c>, <c>/export</c>, the query/proof/export tools and <c>security://audit/recent</c> over a real server.</summary>
public sealed class AuditQueryFacesTests : IClassFixture<AdminServerFactory>
{
    private readonly AdminServerFactory _factory;

    public AuditQueryFacesTests(AdminServerFactory factory) => _factory = factory;

    [Fact]
    public async Task QueryEndpoint_TypeFilterAndCursor_PagesThroughEveryMatch_AndTheReadIsAudited()
    {
        using var client = _factory.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await client.PostJsonAsync("/api/v1/auth/login", new { username = "admin", password = $"wrong-password-{i}" });
        }

        var token = await AgentTokenAsync(client, [Roles.SecurityReviewer]);
        var sequences = new List<long>();
        string? cursor = null;
        do
        {
            var path = "/api/v1/audit?type=login_failed&limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var response = await client.GetAsync(path, token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.JsonAsync();
            var entries = body.GetProperty("entries").EnumerateArray().ToList();
            Assert.All(entries, e => Assert.Equal("login_failed", e.Str("type")));
            sequences.AddRange(entries.Select(e => e.GetProperty("sequence").GetInt64()));
            cursor = body.GetProperty("next_cursor").ValueKind == JsonValueKind.Null ? null : body.Str("next_cursor");
        }
        while (cursor is not null);

        Assert.True(sequences.Count >= 5);
        Assert.Equal(sequences.OrderDescending(), sequences);
        Assert.Equal(sequences.Distinct().Count(), sequences.Count);
        var reads = _factory.Services.GetRequiredService<IAuditTrail>().GetRecent(50, SecurityEventTypes.AuditRead);
        Assert.Contains(reads, e => e.Details.GetValueOrDefault("filter_type") == "login_failed" && e.Actor.SubjectId is not null && e.Actor.SubjectId.StartsWith("audit-agent-", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/api/v1/audit", "developer", "audit:read")]
    [InlineData("/api/v1/audit/proof?sequence=1", "developer", "audit:read")]
    [InlineData("/api/v1/audit/export", "tech_lead", "audit:export")]
    public async Task Endpoints_CallerWithoutThePermission_Answer403NamingIt(string path, string role, string permission)
    {
        using var client = _factory.CreateClient();
        var token = await AgentTokenAsync(client, [role]);

        var response = await client.GetAsync(path, token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(permission, (await response.JsonAsync()).GetProperty("error").Str("message"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=abc", "limit")]
    [InlineData("from=yesterday", "from")]
    [InlineData("outcome=maybe", "outcome")]
    public async Task QueryEndpoint_BadFilter_Answers400NamingTheField(string query, string field)
    {
        using var client = _factory.CreateClient();
        var token = await AgentTokenAsync(client, [Roles.SecurityReviewer]);

        var response = await client.GetAsync("/api/v1/audit?" + query, token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.JsonAsync()).GetProperty("error");
        Assert.Equal("VALIDATION_FAILED", error.Str("code"));
        Assert.Contains($"'{field}'", error.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProofEndpoint_InclusionAgainstACheckpoint_VerifiesWithThePublicKey()
    {
        using var client = _factory.CreateClient();
        var token = await AgentTokenAsync(client, [Roles.SecurityReviewer]);
        var checkpoint = await _factory.Services.GetRequiredService<IAuditTrail>().CheckpointAsync();

        var response = await client.GetAsync($"/api/v1/audit/proof?sequence=1&tree_size={checkpoint!.TreeSize}", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        var proof = body.GetProperty("inclusion");
        var keys = body.GetProperty("public_keys").EnumerateArray().Select(AuditProofChecker.FromJwk).ToList();
        var signed = AuditCheckpoint.Parse(proof.GetProperty("checkpoint").GetRawText());
        var entry = Encoding.UTF8.GetBytes(proof.Str("entry"));
        var path = proof.GetProperty("audit_path").EnumerateArray().Select(h => Convert.FromHexString(h.GetString()!)).ToList();
        Assert.True(AuditProofChecker.CheckCheckpoint(signed, keys));
        Assert.True(MerkleHashing.VerifyInclusion(0, signed.TreeSize, MerkleHashing.HashLeaf(entry), path, Convert.FromHexString(signed.RootHash)));
        entry[10] ^= 1;
        Assert.False(MerkleHashing.VerifyInclusion(0, signed.TreeSize, MerkleHashing.HashLeaf(entry), path, Convert.FromHexString(signed.RootHash)));
    }

    [Fact]
    public async Task ExportEndpoint_SecurityReviewer_AnswersJsonLinesThatVerifyOffline()
    {
        using var client = _factory.CreateClient();
        var token = await AgentTokenAsync(client, [Roles.SecurityReviewer]);

        var response = await client.GetAsync("/api/v1/audit/export", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var result = AuditExportFormat.Verify(new MemoryStream(bytes));
        Assert.True(result.Ok, result.Message);
        Assert.True(result.Entries > 0);
    }

    [Fact]
    public async Task Tools_QueryProofExportAndRecentResource_WorkForAnAuditor_AndARefusedCallerIsTold()
    {
        using var http = _factory.CreateClient();
        await using var auditor = await _factory.ConnectMcpAsync(await AgentTokenAsync(http, [Roles.SecurityReviewer]));
        await using var plain = await _factory.ConnectMcpAsync(await AgentTokenAsync(http, [Roles.Developer]));

        var page = (await auditor.CallToolAsync("query_audit", new Dictionary<string, object?> { ["limit"] = 3 })).Structured();
        var proof = (await auditor.CallToolAsync("get_audit_proof", new Dictionary<string, object?> { ["sequence"] = 1 })).Structured();
        var export = (await auditor.CallToolAsync("export_audit")).Structured();
        var recent = await auditor.ReadResourceAsync("security://audit/recent");
        var refused = await plain.CallToolAsync("query_audit");
        var refusedExport = await plain.CallToolAsync("export_audit");
        var both = await auditor.CallToolAsync("get_audit_proof");

        Assert.Equal(3, page.GetProperty("entries").GetArrayLength());
        Assert.Equal("inclusion", proof.Str("kind"));
        Assert.Null(AuditProofChecker.CheckInclusion(ToProof(proof), requireCheckpoint: false));
        Assert.True(AuditExportFormat.Verify(new MemoryStream(Encoding.UTF8.GetBytes(export.Str("jsonl")))).Ok);
        var text = Assert.IsType<TextResourceContents>(Assert.Single(recent.Contents));
        using (var document = JsonDocument.Parse(text.Text))
        {
            Assert.True(document.RootElement.GetProperty("entries").GetArrayLength() > 0);
        }

        Assert.Equal("INSUFFICIENT_PERMISSIONS", refused.ErrorCode());
        Assert.Equal("INSUFFICIENT_PERMISSIONS", refusedExport.ErrorCode());
        Assert.Equal("VALIDATION_FAILED", both.ErrorCode());
    }

    [Fact]
    public async Task RecentResource_CallerWithoutAuditRead_IsRefused()
    {
        using var http = _factory.CreateClient();
        await using var plain = await _factory.ConnectMcpAsync(await AgentTokenAsync(http, [Roles.Developer]));

        await Assert.ThrowsAnyAsync<Exception>(() => plain.ReadResourceAsync("security://audit/recent").AsTask());
    }

    private static AuditInclusionProof ToProof(JsonElement output)
    {
        var inclusion = output.GetProperty("inclusion");
        return new AuditInclusionProof
        {
            Sequence = inclusion.GetProperty("sequence").GetInt64(),
            Entry = inclusion.Str("entry"),
            EntryHash = inclusion.Str("entry_hash"),
            LeafHash = inclusion.Str("leaf_hash"),
            TreeSize = inclusion.GetProperty("tree_size").GetInt64(),
            RootHash = inclusion.Str("root_hash"),
            Path = new AuditProofPath(inclusion.GetProperty("leaf_index").GetInt64(), inclusion.GetProperty("tree_size").GetInt64(),
                [.. inclusion.GetProperty("audit_path").EnumerateArray().Select(h => h.GetString()!)]),
            PublicKeys = [.. output.GetProperty("public_keys").EnumerateArray().Select(AuditProofChecker.FromJwk)],
        };
    }

    private async Task<string> AgentTokenAsync(HttpClient client, string[] roles)
    {
        var agent = await ServerAccounts.RegisterClientAsync(_factory, $"audit-agent-{Guid.NewGuid():N}", ["mcp"], roles);
        return (await (await client.PostFormAsync("/oauth/token", [new("grant_type", "client_credentials")], basic: agent)).JsonAsync()).Str("access_token");
    }
}
