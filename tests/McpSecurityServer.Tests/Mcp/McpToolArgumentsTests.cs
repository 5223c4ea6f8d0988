using System.Text.Json;
using McpSecurity.Server.Mcp;
using McpSecurity.Tests.Server.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpSecurity.Tests.Server.Mcp;

/// <summary>Arguments the SDK cannot bind answer VALIDATION_FAILED in the tools' error format, over Streamable HTTP.</summary>
public sealed class McpToolArgumentsTests : IClassFixture<AdminServerFactory>
{
    private readonly AdminServerFactory _factory;

    public McpToolArgumentsTests(AdminServerFactory factory) => _factory = factory;

    [Theory]
    // A wrong JSON type.
    [InlineData("check_rate", """{"policy": 987654321, "key": "k"}""", "987654321", "'policy' must be a string.")]
    [InlineData("check_rate", """{"policy": "api-principal", "key": "k", "consume": "s3cr3t-yes"}""", "s3cr3t-yes", "'consume' must be true or false.")]
    [InlineData("list_incidents", """{"since": 20260101}""", "20260101", "'since' must be a string.")]
    [InlineData("create_user", """{"username": "u1", "password": "s3cr3t-Passw0rd!", "roles": "admin"}""", "s3cr3t", "'roles' must be an array (each item a string).")]
    [InlineData("create_user", """{"username": "u1", "password": 123456789012}""", "123456789012", "'password' must be a string.")]
    // The hand-off tools read numbers strictly: a number in a string does not bind there.
    [InlineData("list_handoff_reports", """{"page_size": "20"}""", "\"20\"", "'page_size' must be a whole number from -2147483648 to 2147483647.")]
    // A number out of the parameter's range; a [Range] narrows what the message names.
    [InlineData("set_rate_limit_policy", """{"policy": "api-principal", "limit": 99999999999}""", "99999999999", "'limit' must be a whole number from 1 to 1000000.")]
    [InlineData("list_incidents", """{"limit": 99999999999}""", "99999999999", "'limit' must be a whole number from -2147483648 to 2147483647.")]
    [InlineData("set_rate_limit_policy", """{"policy": "api-principal", "burst": 1.5}""", "1.5", "'burst' must be a whole number from 1 to 1000000.")]
    // A missing required argument.
    [InlineData("check_rate", """{"key": "s3cr3t-key"}""", "s3cr3t", "'policy' is required (a string).")]
    [InlineData("set_rate_limit_policy", """{"limit": 5}""", "5", "'policy' is required (a string).")]
    public async Task CallTool_ArgumentThatDoesNotBind_AnswersValidationFailedNamingIt(string tool, string arguments, string secret, string message)
    {
        await using var client = await _factory.ConnectMcpAsync(await _factory.AdminTokenAsync());

        var result = await client.CallToolAsync(tool, Arguments(arguments));

        Assert.Equal("VALIDATION_FAILED", result.ErrorCode());
        Assert.Equal(message, ErrorMessage(result));
        Assert.Equal(message.Split('\'')[1], ErrorField(result));
        Assert.DoesNotContain(secret, Text(result), StringComparison.Ordinal);
        Assert.Null(result.StructuredContent);
    }

    [Fact]
    public async Task CallTool_RefusalWithDetails_CarriesThemAsTheRestEnvelopeDoes()
    {
        await using var client = await _factory.ConnectMcpAsync(await _factory.AdminTokenAsync());

        var refused = await client.CallToolAsync("unblock_address", Arguments("""{"address": "not-an-address"}"""));
        var plain = await client.CallToolAsync("check_rate", Arguments("""{"policy": "nope", "key": "k"}"""));

        Assert.Equal("VALIDATION_FAILED", refused.ErrorCode());
        Assert.Equal("address", ErrorField(refused));
        Assert.Equal("NOT_FOUND", plain.ErrorCode());
        using var document = JsonDocument.Parse(Text(plain));
        Assert.False(document.RootElement.GetProperty("error").TryGetProperty("details", out _), "a refusal without details carries no details member");
    }

    [Fact]
    public async Task CallTool_ArgumentTheToolDoesNotHave_RefusedNamingItAndTheArguments_NothingConsumed()
    {
        await using var client = await _factory.ConnectMcpAsync(await _factory.AdminTokenAsync());
        var key = $"typo-{Guid.NewGuid():N}";
        var before = (await client.CallToolAsync("check_rate", Arguments($$"""{"policy": "api-principal", "key": "{{key}}", "consume": false}"""))).Structured();

        // Misspelt "consume": taken silently, the call would have counted.
        var typo = await client.CallToolAsync("check_rate", Arguments($$"""{"policy": "api-principal", "key": "{{key}}", "consme": false}"""));
        var none = await client.CallToolAsync("list_handoff_reports", Arguments("""{"page_sise": 5}"""));

        Assert.Equal("VALIDATION_FAILED", typo.ErrorCode());
        Assert.StartsWith("'consme' is not an argument of check_rate; it takes: ", ErrorMessage(typo), StringComparison.Ordinal);
        Assert.Contains("consume", ErrorMessage(typo)["'consme'".Length..], StringComparison.Ordinal);
        Assert.Equal("VALIDATION_FAILED", none.ErrorCode());
        Assert.Contains("page_size", ErrorMessage(none), StringComparison.Ordinal);
        var after = (await client.CallToolAsync("check_rate", Arguments($$"""{"policy": "api-principal", "key": "{{key}}", "consume": false}"""))).Structured();
        Assert.Equal(before.GetProperty("remaining").GetInt32(), after.GetProperty("remaining").GetInt32());
    }

    [Theory]
    [InlineData("check_rate", """{"policy": "api-principal", "key": "k", "consume": null}""", "'consume' must be true or false, not null (leave it out for the default).")]
    [InlineData("list_incidents", """{"limit": null}""", "'limit' must be a whole number from -2147483648 to 2147483647, not null (leave it out for the default).")]
    public async Task CallTool_NullForTrueFalseOrNumber_RefusedInsteadOfFalseOrZero(string tool, string arguments, string message)
    {
        await using var client = await _factory.ConnectMcpAsync(await _factory.AdminTokenAsync());

        var result = await client.CallToolAsync(tool, Arguments(arguments));

        Assert.Equal("VALIDATION_FAILED", result.ErrorCode());
        Assert.Equal(message, ErrorMessage(result));
    }

    [Fact]
    public async Task CallTool_OrdinaryToolErrors_KeepTheirOwnCodes()
    {
        var agent = await ServerAccounts.RegisterClientAsync(_factory, $"mcp-args-{Guid.NewGuid():N}", ["mcp"], []);
        using var http = _factory.CreateClient();
        var token = (await (await http.PostFormAsync("/oauth/token", [new("grant_type", "client_credentials")], basic: agent)).JsonAsync()).Str("access_token");
        await using var admin = await _factory.ConnectMcpAsync(await _factory.AdminTokenAsync());
        await using var plain = await _factory.ConnectMcpAsync(token);

        var unknownPolicy = await admin.CallToolAsync("check_rate", Arguments("""{"policy": "nope", "key": "k"}"""));
        var unknownOverride = await admin.CallToolAsync("set_rate_limit_policy", Arguments("""{"policy": "nope", "limit": 5}"""));
        // Authorization runs before the arguments are bound.
        var refused = await plain.CallToolAsync("set_rate_limit_policy", Arguments("""{"policy": 5, "limit": 99999999999}"""));
        var fine = await admin.CallToolAsync("check_rate", Arguments("""{"policy": "api-principal", "key": "k", "consume": false}"""));

        Assert.Equal("NOT_FOUND", unknownPolicy.ErrorCode());
        Assert.Equal("NOT_FOUND", unknownOverride.ErrorCode());
        Assert.Equal("INSUFFICIENT_PERMISSIONS", refused.ErrorCode());
        Assert.True(fine.Structured().GetProperty("allowed").GetBoolean());
    }

    [Theory]
    [InlineData(typeof(ArgumentException))]
    [InlineData(typeof(JsonException))]
    public async Task CallTool_ToolThrowsWithArgumentsThatBind_IsNotTurnedIntoValidationFailed(Type exceptionType)
    {
        var tool = McpServerTool.Create((string policy, int limit = 1) => $"{policy}{limit}", new McpServerToolCreateOptions { Name = "probe" });
        var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        await using var server = McpServer.Create(new StreamServerTransport(Stream.Null, Stream.Null), new McpServerOptions(), NullLoggerFactory.Instance, services);
        var context = new RequestContext<CallToolRequestParams>(server, new JsonRpcRequest { Method = RequestMethods.ToolsCall },
            new CallToolRequestParams { Name = "probe", Arguments = Elements("""{"policy": "p", "limit": 2}""") })
        {
            MatchedPrimitive = tool,
        };
        var bug = (Exception)Activator.CreateInstance(exceptionType, "a bug")!;
        var handler = McpToolArguments.CallTool((_, _) => throw bug);

        var thrown = await Assert.ThrowsAnyAsync<Exception>(async () => await handler(context, CancellationToken.None));

        Assert.Same(bug, thrown);
    }

    private static Dictionary<string, object?> Arguments(string json) =>
        Elements(json).ToDictionary(kv => kv.Key, kv => (object?)kv.Value);

    private static Dictionary<string, JsonElement> Elements(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

    private static string Text(CallToolResult result) => Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;

    private static string? ErrorField(CallToolResult result)
    {
        using var document = JsonDocument.Parse(Text(result));
        return document.RootElement.GetProperty("error").TryGetProperty("details", out var details) && details.TryGetProperty("field", out var field) ? field.GetString() : null;
    }

    private static string ErrorMessage(CallToolResult result)
    {
        using var document = JsonDocument.Parse(Text(result));
        return document.RootElement.GetProperty("error").GetProperty("message").GetString()!;
    }
}
