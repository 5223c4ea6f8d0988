using McpSecurity.Tests.Server.Infrastructure;

namespace McpSecurity.Tests.Server.Hosting;

[Collection(ServerProcessGroup.Name)]
public sealed class DataDirectoryLockTests
{
    [Fact]
    public async Task Serve_SecondProcessOnSameDataDirectory_RefusesNamingDirectoryAndHolder()
    {
        using var data = await PreparedDataDirectory.CreateAsync("lock");
        var port = ServerProcess.FreePort();
        await using var first = ServerProcess.Start(["serve", "--data-dir", data.Path, "--urls", $"http://127.0.0.1:{port}"]);
        await first.WaitUntilReadyAsync(new Uri($"http://127.0.0.1:{port}"));

        var second = await ServerProcess.RunAsync(["serve", "--data-dir", data.Path, "--urls", $"http://127.0.0.1:{ServerProcess.FreePort()}"]);

        Assert.NotEqual(0, second.ExitCode);
        Assert.Contains(data.Path, second.StandardError, StringComparison.Ordinal);
        Assert.Contains(first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), second.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", second.StandardError, StringComparison.Ordinal);

        // The holder is unharmed.
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task Serve_PortTaken_ExitsNonZeroWithOneMessage()
    {
        using var data = await PreparedDataDirectory.CreateAsync("port");
        using var blocker = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        blocker.Start();
        var port = ((System.Net.IPEndPoint)blocker.LocalEndpoint).Port;

        var result = await ServerProcess.RunAsync(["serve", "--data-dir", data.Path, "--urls", $"http://127.0.0.1:{port}"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), result.StandardError, StringComparison.Ordinal);
    }
}
