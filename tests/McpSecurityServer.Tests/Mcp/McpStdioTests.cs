using System.Net.Sockets;
using System.Text.Json;
using McpSecurity.Tests.Server.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Client;

namespace McpSecurity.Tests.Server.Mcp;

[Collection(ServerProcessGroup.Name)]
public sealed class McpStdioTests
{
    [Fact]
    public async Task EveryToolAndResource_StdioSessionWithClientCredentials_Work()
    {
        using var data = await PreparedDataDirectory.CreateAsync("stdio-tools");
        var stderr = new List<string>();
        await using var client = await ConnectAsync(data, withCredentials: true, stderr);

        await McpToolScenario.AssertToolListAsync(client);
        await McpToolScenario.RunLifecycleAsync(client, "admin", data.AdminPassword, (data.ClientId, data.ClientSecret));
    }

    [Fact]
    public async Task Tools_StdioSessionWithoutCredentials_OnlyIssueTokenWorks()
    {
        using var data = await PreparedDataDirectory.CreateAsync("stdio-anonymous");
        await using var client = await ConnectAsync(data, withCredentials: false, []);

        var issued = (await client.CallToolAsync("issue_token", new Dictionary<string, object?> { ["username"] = "admin", ["password"] = data.AdminPassword })).Structured();
        var token = issued.Str("access_token");

        Assert.Equal("AUTH_REQUIRED", (await client.CallToolAsync("validate_token", new Dictionary<string, object?> { ["token"] = token })).ErrorCode());
        Assert.Equal("AUTH_REQUIRED", (await client.CallToolAsync("refresh_token", new Dictionary<string, object?> { ["refresh_token"] = issued.Str("refresh_token") })).ErrorCode());
        Assert.Equal("AUTH_REQUIRED", (await client.CallToolAsync("revoke_token", new Dictionary<string, object?> { ["token"] = token })).ErrorCode());
        Assert.Equal("AUTH_REQUIRED", (await client.CallToolAsync("rotate_signing_key")).ErrorCode());
    }

    [Fact]
    public async Task Stdout_WholeStdioSessionWithPortTaken_CarriesOnlyJsonRpcAndWarnsOnce()
    {
        using var data = await PreparedDataDirectory.CreateAsync("stdio-raw");
        using var blocker = new TcpListener(System.Net.IPAddress.Loopback, 0);
        blocker.Start();
        var port = ((System.Net.IPEndPoint)blocker.LocalEndpoint).Port;
        var environment = new Dictionary<string, string>
        {
            ["MCPSEC_CLIENT_ID"] = data.ClientId,
            ["MCPSEC_CLIENT_SECRET"] = data.ClientSecret,
        };
        await using var server = ServerProcess.Start(["stdio", "--data-dir", data.Path, "--urls", $"http://127.0.0.1:{port}"], environment);

        await server.WriteLineAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw-test","version":"1.0"}}}""");
        await server.WaitForOutputAsync(line => line.Contains("\"id\":1,", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        await server.WriteLineAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        await server.WriteLineAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/list"}""");
        await server.WriteLineAsync(JsonSerializer.Serialize(new
        {
            jsonrpc = "2.0",
            id = 3,
            method = "tools/call",
            @params = new { name = "issue_token", arguments = new { client_id = data.ClientId, client_secret = data.ClientSecret } },
        }));
        await server.WriteLineAsync("""{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"validate_token","arguments":{"token":"x.y.z"}}}""");
        await server.WriteLineAsync("""{"jsonrpc":"2.0","id":5,"method":"resources/read","params":{"uri":"security://auth/config"}}""");
        // Responses come in completion order (issue_token hashes a secret, so it may be last): wait for all of them.
        foreach (var id in new[] { 2, 3, 4, 5 })
        {
            await server.WaitForOutputAsync(line => line.Contains($"\"id\":{id},", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        }

        server.CloseInput();
        Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromSeconds(30)));

        var lines = server.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= 5, server.StandardOutput);
        var ids = new List<int>();
        foreach (var line in lines)
        {
            using var message = JsonDocument.Parse(line);
            Assert.Equal("2.0", message.RootElement.GetProperty("jsonrpc").GetString());
            Assert.True(message.RootElement.TryGetProperty("result", out _) || message.RootElement.TryGetProperty("error", out _)
                || message.RootElement.TryGetProperty("method", out _), line);
            if (message.RootElement.TryGetProperty("id", out var id))
            {
                ids.Add(id.GetInt32());
            }
        }

        Assert.Equal([1, 2, 3, 4, 5], ids.Order());
        var warnings = server.StandardError.Split('\n').Count(l => l.Contains("HTTP listener not started", StringComparison.Ordinal));
        Assert.Equal(1, warnings);
    }

    [Fact]
    public async Task Stdio_WithFreePort_AlsoServesHttp()
    {
        using var data = await PreparedDataDirectory.CreateAsync("stdio-http");
        var port = ServerProcess.FreePort();
        var stderr = new List<string>();
        await using var client = await ConnectAsync(data, withCredentials: true, stderr, $"http://127.0.0.1:{port}");

        // Kestrel starts after the MCP transports, so the listener may come up a moment after the session.
        await ServerProcess.WaitUntilListeningAsync(new Uri($"http://127.0.0.1:{port}"));

        var issued = (await client.CallToolAsync("issue_token", new Dictionary<string, object?> { ["client_id"] = data.ClientId, ["client_secret"] = data.ClientSecret })).Structured();
        var validated = (await client.CallToolAsync("validate_token", new Dictionary<string, object?> { ["token"] = issued.Str("access_token") })).Structured();
        Assert.True(validated.GetProperty("active").GetBoolean());
        Assert.Equal(data.ClientId, validated.Str("client_id"));
    }

    private static async Task<McpClient> ConnectAsync(PreparedDataDirectory data, bool withCredentials, List<string> stderr, string? urls = null)
    {
        var arguments = new List<string> { ServerProcess.ServerDll, "stdio", "--data-dir", data.Path };
        if (urls is null)
        {
            arguments.Add("--no-http");
        }
        else
        {
            arguments.AddRange(["--urls", urls]);
        }

        var environment = new Dictionary<string, string?>();
        if (withCredentials)
        {
            environment["MCPSEC_CLIENT_ID"] = data.ClientId;
            environment["MCPSEC_CLIENT_SECRET"] = data.ClientSecret;
        }

        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "mcp-security-server",
            Command = "dotnet",
            Arguments = arguments,
            WorkingDirectory = AppContext.BaseDirectory,
            EnvironmentVariables = environment!,
            StandardErrorLines = line =>
            {
                lock (stderr)
                {
                    stderr.Add(line);
                }
            },
        }, NullLoggerFactory.Instance);
        return await McpClient.CreateAsync(transport);
    }
}
