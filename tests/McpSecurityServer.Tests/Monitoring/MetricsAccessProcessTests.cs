using System.Net;
using McpSecurity.Tests.Server.Infrastructure;

namespace McpSecurity.Tests.Server.Monitoring;

/// <summary>The <c>Metrics</c> section on the built server: an allow-list without loopback, and the endpoint switched off.</summary>
[Collection(ServerProcessGroup.Name)]
public sealed class MetricsAccessProcessTests
{
    [Fact]
    public async Task Scrape_FromAnAddressOutsideAllowedNetworks_NeedsATokenWithMetricsRead()
    {
        using var data = await PreparedDataDirectory.CreateAsync("metrics-acl");
        var environment = new Dictionary<string, string>(data.AdminEnvironment) { ["MCPSEC__Metrics__AllowedNetworks__0"] = "10.0.0.0/8" };
        var address = new Uri($"http://127.0.0.1:{ServerProcess.FreePort()}");
        await using var server = ServerProcess.Start(["serve", "--data-dir", data.Path, "--urls", address.ToString().TrimEnd('/')], environment);
        await server.WaitUntilReadyAsync(address);
        using var http = new HttpClient { BaseAddress = address };

        using var anonymous = await http.GetAsync("/metrics");
        using var grant = await http.PostFormAsync("/oauth/token", [new("grant_type", "client_credentials")], (data.ClientId, data.ClientSecret));
        using var withToken = await http.GetAsync("/metrics", (await grant.JsonAsync()).Str("access_token"));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("AUTH_REQUIRED", await anonymous.ErrorCodeAsync());
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        Assert.Contains("# TYPE mcpsec_auth_attempts_total counter", await withToken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_WhenDisabled_Answers404()
    {
        using var data = await PreparedDataDirectory.CreateAsync("metrics-off");
        var environment = new Dictionary<string, string>(data.AdminEnvironment) { ["MCPSEC__Metrics__Enabled"] = "false" };
        var address = new Uri($"http://127.0.0.1:{ServerProcess.FreePort()}");
        await using var server = ServerProcess.Start(["serve", "--data-dir", data.Path, "--urls", address.ToString().TrimEnd('/')], environment);
        await server.WaitUntilReadyAsync(address);
        using var http = new HttpClient { BaseAddress = address };

        using var response = await http.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
