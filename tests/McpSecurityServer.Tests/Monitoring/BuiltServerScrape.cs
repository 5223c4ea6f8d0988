using System.Net;
using McpSecurity.Tests.Server.Infrastructure;

namespace McpSecurity.Tests.Server.Monitoring;

/// <summary>The built server started once, given a few requests (failed and successful logins, client credentials, a bearer call), then scraped.</summary>
public sealed class BuiltServerScrape : IAsyncLifetime
{
    private PreparedDataDirectory? _data;
    private ServerProcess? _server;

    /// <summary>Gets the text of <c>/metrics</c> after the requests.</summary>
    public string Scrape { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _data = await PreparedDataDirectory.CreateAsync("metrics");
        var address = new Uri($"http://127.0.0.1:{ServerProcess.FreePort()}");
        _server = ServerProcess.Start(["serve", "--data-dir", _data.Path, "--urls", address.ToString().TrimEnd('/')], _data.AdminEnvironment);
        await _server.WaitUntilReadyAsync(address);
        using var http = new HttpClient { BaseAddress = address };
        using var wrongLogin = await http.PostJsonAsync("/api/v1/auth/login", new { username = "admin", password = "wrong-password-for-metrics" });
        using var login = await http.PostJsonAsync("/api/v1/auth/login", new { username = "admin", password = _data.AdminPassword });
        using var wrongClient = await http.PostFormAsync("/oauth/token", [new("grant_type", "client_credentials")], (_data.ClientId, "not-the-secret"));
        using var grant = await http.PostFormAsync("/oauth/token", [new("grant_type", "client_credentials")], (_data.ClientId, _data.ClientSecret));
        var token = (await grant.JsonAsync()).Str("access_token");
        using var check = await http.PostJsonAsync("/api/v1/ratelimit/check", new { policy = "api-principal", key = "probe", consume = true }, token);
        using var policies = await http.GetAsync("/api/v1/ratelimit/policies", token);
        Assert.Equal(HttpStatusCode.OK, policies.StatusCode);
        using var scrape = await http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Scrape = await scrape.Content.ReadAsStringAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _data?.Dispose();
    }
}
