using System.Net;
using System.Text.RegularExpressions;
using McpSecurity.Tests.Server.Infrastructure;

namespace McpSecurity.Tests.Server.Monitoring;

/// <summary><c>/metrics</c> on the in-memory server: who may scrape, that counters move on real requests, and that nothing secret leaks.</summary>
public sealed partial class MetricsEndpointTests : IClassFixture<MetricsServerFactory>
{
    private const string Loopback = "127.0.0.1";
    private const string Outsider = "203.0.113.7";
    private readonly MetricsServerFactory _factory;

    public MetricsEndpointTests(MetricsServerFactory factory) => _factory = factory;

    [Fact]
    public async Task Scrape_FromLoopback_AnswersTheTextFormatWithoutAToken()
    {
        using var client = _factory.ClientFrom(Loopback);

        using var response = await client.GetAsync("/metrics");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Contains("# TYPE mcpsec_ratelimit_checks_total counter", body, StringComparison.Ordinal);
        Assert.Contains("# TYPE mcpsec_token_validate_duration_seconds histogram", body, StringComparison.Ordinal);
        Assert.Contains("mcpsec_ratelimit_store_degraded 0", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Outsider)]
    [InlineData(null)]
    public async Task Scrape_FromAnAddressNotAllowedWithoutAToken_Answers401(string? address)
    {
        using var client = _factory.ClientFrom(address);

        using var response = await client.GetAsync("/metrics");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("AUTH_REQUIRED", body, StringComparison.Ordinal);
        Assert.DoesNotContain("mcpsec_", body, StringComparison.Ordinal);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_FromAnAddressNotAllowedWithATokenLackingMetricsRead_Answers403()
    {
        var username = "metrics-dev-" + Guid.NewGuid().ToString("N")[..8];
        var password = await ServerAccounts.CreateUserAsync(_factory, username, ["developer"]);
        using var client = _factory.ClientFrom(Outsider);
        var token = (await ServerAccounts.LoginAsync(client, username, password)).Str("access_token");

        using var response = await client.GetAsync("/metrics", token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("INSUFFICIENT_PERMISSIONS", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task Scrape_FromAnAddressNotAllowedWithAScraperClientToken_Answers200()
    {
        var clientId = "prom-" + Guid.NewGuid().ToString("N")[..8];
        var credentials = await ServerAccounts.RegisterClientAsync(_factory, clientId, ["mcp"], ["security_reviewer"]);
        using var client = _factory.ClientFrom(Outsider);
        var token = (await (await client.PostFormAsync("/oauth/token", [new("grant_type", "client_credentials")], credentials)).JsonAsync()).Str("access_token");

        using var response = await client.GetAsync("/metrics", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("mcpsec_auth_attempts_total{method=\"client_credentials\",outcome=\"success\"}", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimitedRequests_CountAllowedAndDeniedForTheirPolicy()
    {
        var token = await _factory.AdminTokenAsync();
        using var client = _factory.ClientFrom(Loopback);
        var before = await ScrapeAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= MetricsServerFactory.ProbeLimit; i++)
        {
            using var response = await client.GetAsync("/api/v1/me", token);
            statuses.Add(response.StatusCode);
        }

        var after = await ScrapeAsync();
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(1, Delta(before, after, "mcpsec_ratelimit_checks_total", ("policy", "metrics-probe"), ("outcome", "denied")));
        Assert.Equal(MetricsServerFactory.ProbeLimit, Delta(before, after, "mcpsec_ratelimit_checks_total", ("policy", "metrics-probe"), ("outcome", "allowed")));
    }

    [Fact]
    public async Task Logins_CountSuccessesFailuresIssuesAndValidations()
    {
        using var client = _factory.ClientFrom(Loopback);
        var before = await ScrapeAsync();

        using var wrong = await client.PostJsonAsync("/api/v1/auth/login", new { username = "admin", password = "not-the-password-" + Guid.NewGuid() });
        var token = (await ServerAccounts.LoginAsync(client, "admin", _factory.AdminPassword)).Str("access_token");
        using var me = await client.GetAsync("/api/v1/users", token);
        using var forged = await client.GetAsync("/api/v1/users", token[..^4] + "AAAA");

        var after = await ScrapeAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(1, Delta(before, after, "mcpsec_auth_attempts_total", ("method", "password"), ("outcome", "failure")));
        Assert.Equal(1, Delta(before, after, "mcpsec_auth_attempts_total", ("method", "password"), ("outcome", "success")));
        Assert.Equal(1, Delta(before, after, "mcpsec_token_issue_duration_seconds_count"));
        Assert.True(Delta(before, after, "mcpsec_token_validate_duration_seconds_count", ("outcome", "valid")) >= 1);
        Assert.True(Delta(before, after, "mcpsec_token_validate_duration_seconds_count", ("outcome", "invalid")) >= 1);
    }

    [Fact]
    public async Task Scrape_AfterRequestsCarryingSecrets_HoldsNoSecretTokenNameOrAddressAndOnlyKnownLabels()
    {
        const string address = "198.51.100.23";
        var username = "metrics-secret-" + Guid.NewGuid().ToString("N")[..8];
        var password = await ServerAccounts.CreateUserAsync(_factory, username, ["developer"]);
        var wrongPassword = "Wrong-" + Guid.NewGuid().ToString("N");
        var clientId = "prom-secret-" + Guid.NewGuid().ToString("N")[..8];
        var credentials = await ServerAccounts.RegisterClientAsync(_factory, clientId, ["mcp"], ["developer"]);
        using var client = _factory.ClientFrom(address);
        using var failed = await client.PostJsonAsync("/api/v1/auth/login", new { username, password = wrongPassword });
        var tokens = await ServerAccounts.LoginAsync(client, username, password);
        using var refreshed = await client.PostFormAsync("/oauth/token", [new("grant_type", "refresh_token"), new("refresh_token", tokens.Str("refresh_token"))]);
        using var clientToken = await client.PostFormAsync("/oauth/token", [new("grant_type", "client_credentials")], credentials);
        using var badClient = await client.PostFormAsync("/oauth/token", [new("grant_type", "client_credentials")], (clientId, credentials.Secret + "x"));
        using var me = await client.GetAsync("/api/v1/me", tokens.Str("access_token"));
        var userId = (await me.JsonAsync()).Str("id");

        var scrape = await ScrapeAsync();

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.True(PrometheusText.Value(scrape, "mcpsec_auth_attempts_total", ("method", "refresh"), ("outcome", "success")) >= 1);
        Assert.True(PrometheusText.Value(scrape, "mcpsec_auth_attempts_total", ("method", "client_credentials"), ("outcome", "failure")) >= 1);
        string[] secrets = [password, wrongPassword, credentials.Secret, tokens.Str("access_token"), tokens.Str("refresh_token"), username, userId, clientId, address];
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, scrape, StringComparison.Ordinal));
        var labelNames = LabelName().Matches(scrape).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        Assert.Subset(new HashSet<string>(StringComparer.Ordinal) { "policy", "outcome", "method", "type", "severity", "status", "le" }, labelNames);
    }

    internal static double Delta(string before, string after, string name, params (string Label, string Value)[] labels) =>
        PrometheusText.Value(after, name, labels) - PrometheusText.Value(before, name, labels);

    private async Task<string> ScrapeAsync()
    {
        using var client = _factory.ClientFrom(Loopback);
        using var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [GeneratedRegex(@"[{,]([a-zA-Z_][a-zA-Z0-9_]*)=""")]
    private static partial Regex LabelName();
}
