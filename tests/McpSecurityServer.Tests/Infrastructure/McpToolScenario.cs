using System.Text.Json;
using ModelContextProtocol.Client;

namespace McpSecurity.Tests.Server.Infrastructure;

/// <summary>Calls every tool and reads both resources through a real MCP client; shared by the HTTP and stdio tests.</summary>
public static class McpToolScenario
{
    public static readonly string[] ToolNames = ["issue_token", "refresh_token", "validate_token", "revoke_token", "rotate_signing_key", "exchange_clerk_session",
        "verify_2fa", "enroll_totp", "confirm_totp", "enroll_sms", "send_sms_code", "regenerate_recovery_codes",
        "assign_role", "revoke_role", "list_roles", "check_permission", "verify_audit", "query_audit", "get_audit_proof", "export_audit",
        "create_handoff_report", "get_handoff_report", "list_handoff_reports", "submit_handoff_report", "review_handoff_report", "sign_off", "update_component_progress",
        "create_user", "set_password", "list_users", "disable_user", "list_sessions", "revoke_session", "check_rate", "get_rate_limit_status", "set_rate_limit_policy", "remove_rate_limit_policy_override",
        "list_incidents", "acknowledge_incident", "resolve_incident", "list_address_blocks", "unblock_address"];

    /// <summary>The tools a caller without any role may call (those that need no permission).</summary>
    public static readonly string[] PlainCallerToolNames = ["issue_token", "refresh_token", "validate_token", "revoke_token", "exchange_clerk_session",
        "verify_2fa", "enroll_totp", "confirm_totp", "enroll_sms", "send_sms_code", "regenerate_recovery_codes", "check_permission",
        "list_sessions", "revoke_session", "get_rate_limit_status"];

    /// <summary>Checks the tool list of an admin-capable caller: names, annotations and input schema constraints.</summary>
    public static async Task AssertToolListAsync(McpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var tools = await client.ListToolsAsync();
        Assert.Equal(ToolNames.Order(), tools.Select(t => t.Name).Order());
        foreach (var tool in tools)
        {
            Assert.False(string.IsNullOrEmpty(tool.Description));
            Assert.NotNull(tool.ProtocolTool.OutputSchema);
            Assert.NotNull(tool.ProtocolTool.Annotations);
        }

        var validate = tools.Single(t => t.Name == "validate_token").ProtocolTool;
        Assert.True(validate.Annotations!.ReadOnlyHint);
        Assert.True(validate.Annotations.IdempotentHint);
        var rotate = tools.Single(t => t.Name == "rotate_signing_key").ProtocolTool;
        Assert.True(rotate.Annotations!.DestructiveHint);
        Assert.False(rotate.Annotations.ReadOnlyHint);

        var tokenSchema = validate.InputSchema.GetProperty("properties").GetProperty("token");
        Assert.True(tokenSchema.TryGetProperty("description", out _));
        Assert.True(tokenSchema.TryGetProperty("maxLength", out var maxLength) && maxLength.GetInt32() > 0);
        Assert.Contains("token", validate.InputSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
    }

    /// <summary>Runs the whole tool life cycle as an admin-capable caller; the user's credentials must be valid.</summary>
    public static async Task RunLifecycleAsync(McpClient client, string username, string password, (string Id, string Secret) agent)
    {
        ArgumentNullException.ThrowIfNull(client);

        var issued = (await client.CallToolAsync("issue_token", new Dictionary<string, object?> { ["username"] = username, ["password"] = password })).Structured();
        Assert.False(issued.GetProperty("mfa_required").GetBoolean());
        var access = issued.Str("access_token");
        var refresh = issued.Str("refresh_token");

        var agentToken = (await client.CallToolAsync("issue_token", new Dictionary<string, object?> { ["client_id"] = agent.Id, ["client_secret"] = agent.Secret })).Structured();
        Assert.False(agentToken.TryGetProperty("refresh_token", out _));

        var wrong = await client.CallToolAsync("issue_token", new Dictionary<string, object?> { ["username"] = username, ["password"] = password + "x" });
        Assert.Equal("AUTH_INVALID_CREDENTIALS", wrong.ErrorCode());
        var both = await client.CallToolAsync("issue_token", new Dictionary<string, object?> { ["username"] = username, ["client_id"] = agent.Id });
        Assert.Equal("VALIDATION_FAILED", both.ErrorCode());

        var validated = (await client.CallToolAsync("validate_token", new Dictionary<string, object?> { ["token"] = access })).Structured();
        Assert.True(validated.GetProperty("active").GetBoolean());
        Assert.Equal("access_token", validated.Str("token_type"));
        Assert.Contains("mcp", validated.Str("scope").Split(' '));
        Assert.False(string.IsNullOrEmpty(validated.Str("kid")));
        Assert.False(string.IsNullOrEmpty(validated.Str("jti")));
        Assert.False(string.IsNullOrEmpty(validated.Str("sid")));
        Assert.True(validated.GetProperty("exp").GetInt64() > validated.GetProperty("iat").GetInt64());

        var garbage = (await client.CallToolAsync("validate_token", new Dictionary<string, object?> { ["token"] = "a.b" })).Structured();
        Assert.False(garbage.GetProperty("active").GetBoolean());
        Assert.Equal("AUTH_TOKEN_MALFORMED", garbage.Str("error_code"));

        var revoked = (await client.CallToolAsync("revoke_token", new Dictionary<string, object?> { ["token"] = agentToken.Str("access_token") })).Structured();
        Assert.True(revoked.GetProperty("revoked").GetBoolean());
        var afterRevoke = (await client.CallToolAsync("validate_token", new Dictionary<string, object?> { ["token"] = agentToken.Str("access_token") })).Structured();
        Assert.False(afterRevoke.GetProperty("active").GetBoolean());
        Assert.Equal("AUTH_TOKEN_REVOKED", afterRevoke.Str("error_code"));

        var key = (await client.CallToolAsync("rotate_signing_key")).Structured();
        Assert.Equal("active", key.Str("status"));
        var jwks = await ReadJsonResourceAsync(client, "security://jwks");
        Assert.Contains(jwks.GetProperty("keys").EnumerateArray(), k => k.Str("kid") == key.Str("key_id"));

        var config = await ReadJsonResourceAsync(client, "security://auth/config");
        Assert.Equal("ES256", config.Str("algorithm"));
        Assert.Equal(900, config.GetProperty("access_token_lifetime_seconds").GetInt64());
        Assert.Equal(30, config.GetProperty("clock_skew_seconds").GetInt64());
        Assert.EndsWith("/oauth/token", config.GetProperty("endpoints").Str("token"), StringComparison.Ordinal);
        Assert.DoesNotContain("HmacKey", config.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("master", config.GetRawText(), StringComparison.OrdinalIgnoreCase);

        // Last: a reused refresh token is answered by attack detection revoking every session of the user, the caller's
        // own (bearer) session included, shortly after.
        var refreshed = (await client.CallToolAsync("refresh_token", new Dictionary<string, object?> { ["refresh_token"] = refresh })).Structured();
        Assert.NotEqual(refresh, refreshed.Str("refresh_token"));
        var reuse = await client.CallToolAsync("refresh_token", new Dictionary<string, object?> { ["refresh_token"] = refresh });
        Assert.Equal("AUTH_REFRESH_TOKEN_REUSED", reuse.ErrorCode());
    }

    /// <summary>Reads a resource and parses its text as JSON.</summary>
    public static async Task<JsonElement> ReadJsonResourceAsync(McpClient client, string uri)
    {
        ArgumentNullException.ThrowIfNull(client);
        var result = await client.ReadResourceAsync(uri);
        var contents = Assert.IsType<ModelContextProtocol.Protocol.TextResourceContents>(Assert.Single(result.Contents));
        Assert.Equal("application/json", contents.MimeType);
        using var document = JsonDocument.Parse(contents.Text);
        return document.RootElement.Clone();
    }
}
