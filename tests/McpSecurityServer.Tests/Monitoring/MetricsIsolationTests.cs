using McpSecurity.Tests.Server.Infrastructure;

namespace McpSecurity.Tests.Server.Monitoring;

/// <summary>Two servers in one process (as the test host runs them) each export only their own container's measurements.</summary>
public sealed class MetricsIsolationTests
{
    [Fact]
    public async Task TwoServersInOneProcess_EachExportsOnlyItsOwnMeasurements()
    {
        await using var first = new MetricsServerFactory();
        await using var second = new MetricsServerFactory();
        using var firstClient = first.ClientFrom("127.0.0.1");
        using var secondClient = second.ClientFrom("127.0.0.1");
        // Both hosts are built (and their meters created) before anything is measured.
        Assert.Equal(0, PrometheusText.Value(await ScrapeAsync(secondClient), "mcpsec_auth_attempts_total", ("outcome", "failure")));

        for (var i = 0; i < 3; i++)
        {
            using var refused = await firstClient.PostJsonAsync("/api/v1/auth/login", new { username = "admin", password = "wrong-" + i });
        }

        Assert.Equal(3, PrometheusText.Value(await ScrapeAsync(firstClient), "mcpsec_auth_attempts_total", ("method", "password"), ("outcome", "failure")));
        Assert.Equal(0, PrometheusText.Value(await ScrapeAsync(secondClient), "mcpsec_auth_attempts_total", ("method", "password"), ("outcome", "failure")));
    }

    private static async Task<string> ScrapeAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }
}
