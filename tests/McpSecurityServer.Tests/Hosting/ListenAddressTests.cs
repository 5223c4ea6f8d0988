using System.Net;
using McpSecurity.Tests.Server.Infrastructure;

namespace McpSecurity.Tests.Server.Hosting;

[Collection(ServerProcessGroup.Name)]
public sealed class ListenAddressTests
{
    [Fact]
    public async Task Serve_AspNetCoreUrls_ListensThereAndIssuesForThatAddress()
    {
        using var data = await PreparedDataDirectory.CreateAsync("urls");
        var address = $"http://127.0.0.1:{ServerProcess.FreePort()}";
        await using var server = ServerProcess.Start(["serve", "--data-dir", data.Path], new Dictionary<string, string> { ["ASPNETCORE_URLS"] = address });

        await server.WaitUntilReadyAsync(new Uri(address));
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        var metadata = await (await http.GetAsync("/.well-known/oauth-protected-resource")).JsonAsync();

        Assert.Equal(address + "/mcp", metadata.Str("resource"));
        Assert.Contains($"Now listening on: {address}", server.StandardError, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
    }
}
