using McpSecurity.SecurityCore.Tokens;
using McpSecurity.Tests.Server.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;

namespace McpSecurity.Tests.Server.Mcp;

public sealed class ClerkToolsTests : IClassFixture<ClerkServerFactory>
{
    private readonly ClerkServerFactory _factory;

    public ClerkToolsTests(ClerkServerFactory factory) => _factory = factory;

    [Fact]
    public async Task ExchangeClerkSession_ValidSessionToken_AnswersTokensWithClerkSessionAmr()
    {
        await using var client = await _factory.ConnectMcpAsync(await _factory.AdminTokenAsync());

        var result = (await client.CallToolAsync("exchange_clerk_session", new Dictionary<string, object?> { ["session_token"] = _factory.Token() })).Structured();

        Assert.False(result.GetProperty("mfa_required").GetBoolean());
        Assert.Equal("Bearer", result.Str("token_type"));
        Assert.StartsWith("mcpsec_rt_", result.Str("refresh_token"), StringComparison.Ordinal);
        var validated = _factory.Services.GetRequiredService<IAccessTokenValidator>().Validate(result.Str("access_token"));
        Assert.True(validated.IsValid, validated.ErrorCode);
        Assert.Equal(["clerk_session"], validated.Token!.AuthenticationMethods);
        Assert.Contains("security_reviewer", validated.Token.Roles);
    }

    [Fact]
    public async Task ExchangeClerkSession_ExpiredToken_AnswersIsErrorWithTheCode()
    {
        await using var client = await _factory.ConnectMcpAsync(await _factory.AdminTokenAsync());
        var past = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds();
        var token = _factory.Token(change: claims =>
        {
            claims["iat"] = past;
            claims["nbf"] = past - 10;
            claims["exp"] = past + 60;
        });

        var result = await client.CallToolAsync("exchange_clerk_session", new Dictionary<string, object?> { ["session_token"] = token });

        Assert.Equal("AUTH_TOKEN_EXPIRED", result.ErrorCode());
        Assert.DoesNotContain(token, result.Content.OfType<ModelContextProtocol.Protocol.TextContentBlock>().Single().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExchangeClerkSession_MissingOrOversizedToken_AnswersValidationFailed()
    {
        await using var client = await _factory.ConnectMcpAsync(await _factory.AdminTokenAsync());

        var missing = await client.CallToolAsync("exchange_clerk_session", new Dictionary<string, object?> { ["session_token"] = "" });
        var huge = await client.CallToolAsync("exchange_clerk_session", new Dictionary<string, object?> { ["session_token"] = new string('a', 9000) });

        Assert.Equal("VALIDATION_FAILED", missing.ErrorCode());
        Assert.Equal("VALIDATION_FAILED", huge.ErrorCode());
    }

    [Fact]
    public async Task ListTools_ExchangeClerkSession_DeclaresMaxLengthAndAnnotations()
    {
        await using var client = await _factory.ConnectMcpAsync(await _factory.AdminTokenAsync());

        var tool = (await client.ListToolsAsync()).Single(t => t.Name == "exchange_clerk_session").ProtocolTool;

        var schema = tool.InputSchema.GetProperty("properties").GetProperty("session_token");
        Assert.Equal(8 * 1024, schema.GetProperty("maxLength").GetInt32());
        Assert.Contains("session_token", tool.InputSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.False(tool.Annotations!.ReadOnlyHint);
        Assert.False(tool.Annotations.DestructiveHint);
        Assert.NotNull(tool.OutputSchema);
    }
}
