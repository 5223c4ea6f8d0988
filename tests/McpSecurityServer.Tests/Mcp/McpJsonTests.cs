using System.Text.Json;

namespace McpSecurity.Tests.Server.Mcp;

public sealed class McpJsonTests
{
    [Fact]
    public void McpJson_RepositoryFile_LaunchesTheBuiltServerInStdioModeWithCredentialVariables()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "repo", "mcp.json")));

        var server = Assert.Single(document.RootElement.GetProperty("mcpServers").EnumerateObject()).Value;
        Assert.Equal("dotnet", server.GetProperty("command").GetString());
        var args = server.GetProperty("args").EnumerateArray().Select(a => a.GetString()).ToList();
        Assert.Equal("src/McpSecurityServer/bin/Release/net10.0/McpSecurityServer.dll", args[0]);
        Assert.Equal("stdio", args[1]);
        var env = server.GetProperty("env");
        Assert.True(env.TryGetProperty("MCPSEC_CLIENT_ID", out _));
        Assert.True(env.TryGetProperty("MCPSEC_CLIENT_SECRET", out _));
        Assert.True(env.TryGetProperty("MCPSEC__Storage__DataDirectory", out _));
    }
}
