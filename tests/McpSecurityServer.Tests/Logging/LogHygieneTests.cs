using System.Net;
using McpSecurity.Tests.Server.Infrastructure;

namespace McpSecurity.Tests.Server.Logging;

[Collection(ServerProcessGroup.Name)]
public sealed class LogHygieneTests
{
    [Fact]
    public async Task Logs_FullTokenLifecycle_ContainNoTokenSecretOrPassword()
    {
        using var data = await PreparedDataDirectory.CreateAsync("hygiene");
        var port = ServerProcess.FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var secrets = new List<string> { data.AdminPassword, data.ClientSecret };
        string serverStderr;

        await using (var server = ServerProcess.Start(["serve", "--data-dir", data.Path, "--urls", baseAddress.ToString()]))
        {
            await server.WaitUntilReadyAsync(baseAddress);
            using var http = new HttpClient { BaseAddress = baseAddress };

            // Login, refresh, reuse of the first refresh token, revocation.
            var login = await ServerAccounts.LoginAsync(http, "admin", data.AdminPassword);
            secrets.Add(login.Str("access_token"));
            secrets.Add(login.Str("refresh_token"));
            var refreshed = await (await http.PostFormAsync("/oauth/token", [new("grant_type", "refresh_token"), new("refresh_token", login.Str("refresh_token"))])).JsonAsync();
            secrets.Add(refreshed.Str("access_token"));
            secrets.Add(refreshed.Str("refresh_token"));
            var reuse = await http.PostFormAsync("/oauth/token", [new("grant_type", "refresh_token"), new("refresh_token", login.Str("refresh_token"))]);
            Assert.Equal(HttpStatusCode.BadRequest, reuse.StatusCode);

            // Client credentials, introspection, revocation, a wrong password and a token in a query string.
            var agent = await (await http.PostFormAsync("/oauth/token", [new("grant_type", "client_credentials")], basic: (data.ClientId, data.ClientSecret))).JsonAsync();
            secrets.Add(agent.Str("access_token"));
            Assert.Equal(HttpStatusCode.OK, (await http.PostFormAsync("/oauth/introspect", [new("token", agent.Str("access_token"))], basic: (data.ClientId, data.ClientSecret))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.PostFormAsync("/oauth/revoke", [new("token", agent.Str("access_token"))], basic: (data.ClientId, data.ClientSecret))).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/keys", agent.Str("access_token"))).StatusCode);
            const string wrongPassword = "Wrong-Password-For-Hygiene-917";
            secrets.Add(wrongPassword);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostJsonAsync("/api/v1/auth/login", new { username = "admin", password = wrongPassword })).StatusCode);
            var again = await ServerAccounts.LoginAsync(http, "admin", data.AdminPassword);
            secrets.Add(again.Str("access_token"));
            secrets.Add(again.Str("refresh_token"));
            Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync($"/api/v1/keys?access_token={again.Str("access_token")}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/keys", again.Str("access_token"))).StatusCode);

            // The reuse above revoked the refreshed pair too: its access token is refused (and must not leak while refused).
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/keys", refreshed.Str("access_token"))).StatusCode);

            await server.StopAsync();
            serverStderr = server.StandardError;
        }

        var logFiles = Directory.GetFiles(Path.Combine(data.Path, "logs"));
        Assert.NotEmpty(logFiles);
        var logs = new Dictionary<string, string> { ["server stderr"] = serverStderr };
        foreach (var file in logFiles)
        {
            logs[file] = await File.ReadAllTextAsync(file);
        }

        // Request logging is on (so the search below means something) and logs paths without query strings.
        Assert.Contains("HTTP POST /oauth/token responded 200", serverStderr, StringComparison.Ordinal);
        Assert.Contains("HTTP GET /api/v1/keys responded 400", serverStderr, StringComparison.Ordinal);
        Assert.Contains(logs, log => log.Key != "server stderr" && log.Value.Contains("\"RequestPath\":\"/oauth/introspect\"", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Values, text => text.Contains("access_token=", StringComparison.Ordinal));
        foreach (var secret in secrets)
        {
            // A JWT's signature alone would also be a leak; check it as well as the whole token.
            var needles = secret.Count(c => c == '.') == 2 ? new[] { secret, secret.Split('.')[2] } : [secret];
            foreach (var (source, text) in logs)
            {
                foreach (var needle in needles)
                {
                    Assert.False(text.Contains(needle, StringComparison.Ordinal), $"A secret ({needle[..6]}...) appears in {source}.");
                }
            }
        }
    }
}
