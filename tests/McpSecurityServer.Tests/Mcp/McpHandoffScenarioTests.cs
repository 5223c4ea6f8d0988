using System.Text.Json;
using McpSecurity.Tests.Server.Infrastructure;
using ModelContextProtocol.Client;

namespace McpSecurity.Tests.Server.Mcp;

/// <summary>
/// The done-when scenario through the C# SDK MCP client: a report from a Phase 6 JSON file, its security fields filling
/// in, sign-offs with TOTP codes from users in the required roles, a gate refusing a weak sign-off, and a verified audit trail.
/// </summary>
public sealed class McpHandoffScenarioTests : IClassFixture<TwoFactorServerFactory>
{
    private readonly TwoFactorServerFactory _factory;

    public McpHandoffScenarioTests(TwoFactorServerFactory factory) => _factory = factory;

    [Fact]
    public async Task Phase6FileToSignedOffReport_OverStreamableHttp_GatesRefuseAWeakSignOffAndTheTrailVerifies()
    {
        // The agent that files the report, and the auditor: clients (no second factor of their own).
        var agent = await ClientAsync("developer");
        var auditor = await ClientAsync("security_reviewer");
        await using var agentMcp = await _factory.ConnectMcpAsync(agent);

        // 1. Create the report from a Phase 6 JSON file.
        var document = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "fixtures", "phase6", "submitted-full.json"));
        var created = (await agentMcp.CallToolAsync("create_handoff_report", new Dictionary<string, object?> { ["report_json"] = document })).Structured();
        var id = created.Str("report_id");
        Assert.StartsWith("handoff_", id, StringComparison.Ordinal);
        Assert.Equal("draft", created.Str("status"));
        Assert.Equal("trace-7f3a", created.Str("phase6_trace_id"));
        Assert.Equal("authenticated", created.GetProperty("authentication_status").Str("state"));
        Assert.Equal("client_credentials", created.GetProperty("authentication_status").Str("method"));
        Assert.Equal("unknown", created.GetProperty("compliance_validation").Str("overall"));
        var auditEventsAtStart = created.GetProperty("security_metrics").GetProperty("audit_events").GetInt64();
        Assert.True(auditEventsAtStart >= 1);
        Assert.False(string.IsNullOrEmpty(created.GetProperty("security_metrics").Str("window_start")));

        var component = (await agentMcp.CallToolAsync("update_component_progress", new Dictionary<string, object?>
        {
            ["report_id"] = id, ["component_type"] = "rate_limiting_service", ["status"] = "completed", ["progress_percentage"] = 100.0,
        })).Structured();
        var phase7 = Assert.Single(component.GetProperty("phase7_components").EnumerateArray());
        Assert.Equal(["developer", "tech_lead", "qa_engineer"], phase7.GetProperty("required_roles").EnumerateArray().Select(e => e.GetString()));
        var submitted = (await agentMcp.CallToolAsync("submit_handoff_report", new Dictionary<string, object?> { ["report_id"] = id })).Structured();
        Assert.Equal("submitted", submitted.Str("status"));

        // 2. People in the required roles sign with a TOTP code in the same call.
        var dev = await SignerAsync("developer");
        var lead = await SignerAsync("tech_lead");
        var qa = await SignerAsync("qa_engineer");
        var weak = await SignerAsync("tech_lead");

        var noCode = await dev.Mcp.CallToolAsync("sign_off", new Dictionary<string, object?> { ["report_id"] = id, ["sign_off_role"] = "developer", ["status"] = "approved" });
        Assert.Equal("HANDOFF_2FA_REQUIRED", noCode.ErrorCode());

        var afterDev = await SignAsync(dev, id, "developer");
        Assert.Equal("under_review", afterDev.Str("status"));
        Assert.Equal("partially_approved", afterDev.Str("sign_off_status"));
        var record = Assert.Single(afterDev.GetProperty("sign_offs_received").EnumerateArray());
        Assert.True(record.GetProperty("two_factor_authenticated").GetBoolean());
        Assert.True(record.GetProperty("security_score").GetDouble() >= 0.8);
        Assert.Equal("password", record.Str("authentication_method"));
        Assert.Equal("ES256", record.GetProperty("server_signature").Str("alg"));
        Assert.True(afterDev.GetProperty("security_metrics").GetProperty("audit_events").GetInt64() > auditEventsAtStart);

        var sameTwice = await dev.Mcp.CallToolAsync("sign_off", new Dictionary<string, object?>
        {
            ["report_id"] = id, ["sign_off_role"] = "developer", ["status"] = "approved", ["two_factor_code"] = TwoFactorTestCodes.Totp(dev.Secret, 1),
        });
        Assert.Equal("HANDOFF_DUPLICATE_SIGNER", sameTwice.ErrorCode());

        await SignAsync(lead, id, "tech_lead");

        // 3. A weak sign-off: the signer's account failed four logins just now, so its security score is under 0.8.
        using (var http = _factory.CreateClient())
        {
            for (var i = 0; i < 4; i++)
            {
                await http.PostJsonAsync("/api/v1/auth/login", new { username = weak.Username, password = "wrong-" + i });
            }
        }

        var refused = await weak.Mcp.CallToolAsync("sign_off", new Dictionary<string, object?>
        {
            ["report_id"] = id, ["sign_off_role"] = "tech_lead", ["status"] = "approved", ["two_factor_code"] = TwoFactorTestCodes.Totp(weak.Secret, 1),
        });
        Assert.Equal("HANDOFF_SECURITY_SCORE_TOO_LOW", refused.ErrorCode());

        var approved = await SignAsync(qa, id, "qa_engineer");
        Assert.Equal("approved", approved.Str("sign_off_status"));
        var signedOff = Assert.Single(approved.GetProperty("phase7_components").EnumerateArray());
        Assert.Equal("signed_off", signedOff.Str("status"));
        Assert.Equal(0, signedOff.GetProperty("missing_roles").GetArrayLength());
        Assert.Equal(0, approved.GetProperty("sign_off_verification").GetProperty("invalid").GetArrayLength());

        var reviewed = (await lead.Mcp.CallToolAsync("review_handoff_report", new Dictionary<string, object?>
        {
            ["report_id"] = id, ["review_status"] = "approved", ["review_comments"] = "All three roles approved with 2FA.",
        })).Structured();
        Assert.Equal("approved", reviewed.Str("status"));

        var fetched = (await qa.Mcp.CallToolAsync("get_handoff_report", new Dictionary<string, object?> { ["report_id"] = id })).Structured();
        Assert.Equal(3, fetched.GetProperty("sign_offs_received").GetArrayLength());
        Assert.Contains(fetched.GetProperty("authentication_status").GetProperty("roles").EnumerateArray(), r => r.GetString() == "qa_engineer");
        var resource = await McpToolScenario.ReadJsonResourceAsync(qa.Mcp, $"handoff://reports/{id}");
        Assert.Equal(id, resource.Str("report_id"));
        var listed = (await qa.Mcp.CallToolAsync("list_handoff_reports", new Dictionary<string, object?> { ["sign_off_status"] = "approved" })).Structured();
        Assert.Contains(listed.GetProperty("reports").EnumerateArray(), r => r.Str("report_id") == id);

        // 4. The audit trail of all of it is intact.
        await using var auditorMcp = await _factory.ConnectMcpAsync(auditor);
        var verified = (await auditorMcp.CallToolAsync("verify_audit")).Structured();
        Assert.True(verified.GetProperty("ok").GetBoolean(), verified.GetRawText());

        await dev.Mcp.DisposeAsync();
        await lead.Mcp.DisposeAsync();
        await qa.Mcp.DisposeAsync();
        await weak.Mcp.DisposeAsync();
    }

    [Fact]
    public async Task GetHandoffReport_OutputSchema_IsTheEnhancedReport()
    {
        var agent = await ClientAsync("developer");
        await using var mcp = await _factory.ConnectMcpAsync(agent);

        var tools = await mcp.ListToolsAsync();

        var get = tools.Single(t => t.Name == "get_handoff_report").ProtocolTool;
        var properties = get.OutputSchema!.Value.GetProperty("properties");
        foreach (var name in (string[])["report_id", "phase6_components", "sign_offs_received", "phase7_components", "security_metrics", "authentication_status", "compliance_validation"])
        {
            Assert.True(properties.TryGetProperty(name, out _), name);
        }

        Assert.Contains("two_factor_code", tools.Single(t => t.Name == "sign_off").ProtocolTool.InputSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name));
    }

    private async Task<string> ClientAsync(string role)
    {
        var client = await ServerAccounts.RegisterClientAsync(_factory, $"agent-{role}-{Guid.NewGuid():N}"[..40], ["mcp"], [role]);
        using var http = _factory.CreateClient();
        var tokens = await (await http.PostFormAsync("/oauth/token", [new("grant_type", "client_credentials")], basic: client)).JsonAsync();
        return tokens.Str("access_token");
    }

    private async Task<Signer> SignerAsync(string role)
    {
        var username = $"{role}-{Guid.NewGuid():N}"[..30];
        var password = await ServerAccounts.CreateUserAsync(_factory, username, [role]);
        using var http = _factory.CreateClient();
        var bearer = (await ServerAccounts.LoginAsync(http, username, password)).Str("access_token");
        var mcp = await _factory.ConnectMcpAsync(bearer);
        var secret = (await mcp.CallToolAsync("enroll_totp")).Structured().Str("secret");
        (await mcp.CallToolAsync("confirm_totp", new Dictionary<string, object?> { ["code"] = TwoFactorTestCodes.Totp(secret) })).Structured();
        return new Signer(username, secret, mcp);
    }

    private static async Task<JsonElement> SignAsync(Signer signer, string reportId, string role) =>
        (await signer.Mcp.CallToolAsync("sign_off", new Dictionary<string, object?>
        {
            ["report_id"] = reportId,
            ["sign_off_role"] = role,
            ["status"] = "approved",
            ["two_factor_code"] = TwoFactorTestCodes.Totp(signer.Secret, 1),
            ["two_factor_method"] = "totp",
            ["comments"] = "Checked with my authenticator.",
        })).Structured();

    private sealed record Signer(string Username, string Secret, McpClient Mcp);
}
