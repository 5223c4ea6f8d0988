using McpSecurity.SecurityCore.Incidents;
using McpSecurity.SecurityCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace McpSecurity.Tests.Server.Monitoring;

/// <summary>The gauges read the rate-limit store health, the incident service and the block list when they are registered.</summary>
public sealed class MetricsGaugeTests
{
    [Fact]
    public async Task Scrape_WithIncidentsBlocksAndADegradedStore_ExportsTheirGauges()
    {
        var incidents = new FakeIncidentService(
        [
            Incident("i1", IncidentTypes.BruteForce, "critical", IncidentStatuses.Open),
            Incident("i2", IncidentTypes.BruteForce, "critical", IncidentStatuses.Open),
            Incident("i3", IncidentTypes.CredentialStuffing, "high", IncidentStatuses.Acknowledged),
            Incident("i4", IncidentTypes.PasswordSpraying, "medium", IncidentStatuses.Resolved),
        ]);
        var blocks = new FakeAddressBlockList { ActiveCount = 7 };
        await using var factory = MetricsServerFactory.WithServices(services =>
        {
            services.RemoveAll<IIncidentService>();
            services.AddSingleton<IIncidentService>(incidents);
            services.RemoveAll<IAddressBlockList>();
            services.AddSingleton<IAddressBlockList>(blocks);
            services.RemoveAll<IRateLimitStoreHealth>();
            services.AddSingleton<IRateLimitStoreHealth>(new DegradedStoreHealth());
        });
        using var client = factory.ClientFrom("127.0.0.1");

        var scrape = await (await client.GetAsync("/metrics")).Content.ReadAsStringAsync();
        blocks.ActiveCount = 2;
        incidents.Items.RemoveAt(0);
        var later = await (await client.GetAsync("/metrics")).Content.ReadAsStringAsync();

        Assert.Equal(1, PrometheusText.Value(scrape, "mcpsec_ratelimit_store_degraded"));
        Assert.Equal(7, PrometheusText.Value(scrape, "mcpsec_blocked_addresses"));
        Assert.Contains("mcpsec_incidents_open{type=\"brute_force\",severity=\"critical\",status=\"open\"} 2", scrape, StringComparison.Ordinal);
        Assert.Contains("mcpsec_incidents_open{type=\"credential_stuffing\",severity=\"high\",status=\"acknowledged\"} 1", scrape, StringComparison.Ordinal);
        Assert.DoesNotContain("password_spraying", scrape, StringComparison.Ordinal);
        Assert.Equal(2, PrometheusText.Value(later, "mcpsec_blocked_addresses"));
        Assert.Contains("mcpsec_incidents_open{type=\"brute_force\",severity=\"critical\",status=\"open\"} 1", later, StringComparison.Ordinal);
        Assert.True(incidents.PagesRead >= 3, "the service is read page by page");
    }

    private static Incident Incident(string id, string type, string severity, string status) => new()
    {
        Id = id,
        Type = type,
        Severity = severity,
        Status = status,
        Title = type,
        SourceKey = "src-" + id,
        FirstSeen = DateTimeOffset.UnixEpoch,
        LastSeen = DateTimeOffset.UnixEpoch,
    };
}
