using System.Net;
using System.Text.Json;
using McpSecurity.Tests.Server.Infrastructure;

namespace McpSecurity.Tests.Server.Monitoring;

/// <summary>A real scrape of the built server: promtool's lint, and the dashboard and alerts only ask for what it exports.</summary>
[Collection(ServerProcessGroup.Name)]
public sealed class BuiltServerMetricsTests : IClassFixture<BuiltServerScrape>
{
    private readonly BuiltServerScrape _scrape;

    public BuiltServerMetricsTests(BuiltServerScrape scrape) => _scrape = scrape;

    private static readonly string[] Families =
    [
        "mcpsec_ratelimit_checks_total", "mcpsec_ratelimit_check_duration_seconds", "mcpsec_ratelimit_store_errors_total",
        "mcpsec_ratelimit_store_degraded", "mcpsec_auth_attempts_total", "mcpsec_token_issue_duration_seconds",
        "mcpsec_token_validate_duration_seconds", "mcpsec_incidents_opened_total", "mcpsec_incidents_open", "mcpsec_blocked_addresses",
    ];

    /// <summary>Gets every family the server must export.</summary>
    public static TheoryData<string> ExpectedFamilies => new(Families);

    [Fact]
    public async Task Scrape_PromtoolCheckMetrics_FindsNoProblem()
    {
        var result = await Promtool.RunAsync(["check", "metrics"], input: _scrape.Scrape);

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.Equal("", (result.StandardOutput + result.StandardError).Trim());
    }

    [Theory]
    [MemberData(nameof(ExpectedFamilies))]
    public void Scrape_DeclaresEveryFamily(string family) =>
        Assert.Contains($"# TYPE {family} ", _scrape.Scrape, StringComparison.Ordinal);

    [Fact]
    public void Scrape_CountsTheRequestsMade()
    {
        Assert.Equal(1, PrometheusText.Value(_scrape.Scrape, "mcpsec_auth_attempts_total", ("method", "password"), ("outcome", "failure")));
        Assert.Equal(1, PrometheusText.Value(_scrape.Scrape, "mcpsec_auth_attempts_total", ("method", "client_credentials"), ("outcome", "failure")));
        Assert.Equal(1, PrometheusText.Value(_scrape.Scrape, "mcpsec_auth_attempts_total", ("method", "client_credentials"), ("outcome", "success")));
        // The admin client passes the HTTP face's api-principal uncounted (bypass); its check consumes once. Logins have no principal.
        Assert.Equal(1, PrometheusText.Value(_scrape.Scrape, "mcpsec_ratelimit_checks_total", ("policy", "api-principal"), ("outcome", "allowed")));
        Assert.True(PrometheusText.Value(_scrape.Scrape, "mcpsec_ratelimit_checks_total", ("policy", "login-user"), ("outcome", "allowed")) >= 2);
        Assert.True(PrometheusText.Value(_scrape.Scrape, "mcpsec_token_validate_duration_seconds_count", ("outcome", "valid")) >= 2);
        Assert.True(PrometheusText.Value(_scrape.Scrape, "mcpsec_token_issue_duration_seconds_count") >= 1);
    }

    [Fact]
    public void Dashboard_IsAnImportableDashboardWithATemplatedDatasource()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(DashboardPath));
        var root = dashboard.RootElement;

        Assert.True(root.GetProperty("schemaVersion").GetInt32() >= 36);
        Assert.Contains(root.GetProperty("__inputs").EnumerateArray(), i => i.GetProperty("name").GetString() == "DS_PROMETHEUS" && i.GetProperty("pluginId").GetString() == "prometheus");
        var panels = Panels(root).Where(p => p.GetProperty("type").GetString() != "row").ToList();
        Assert.NotEmpty(panels);
        Assert.Equal(panels.Count, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
        Assert.All(panels, p =>
        {
            Assert.Equal("${DS_PROMETHEUS}", p.GetProperty("datasource").GetProperty("uid").GetString());
            Assert.NotEmpty(p.GetProperty("targets").EnumerateArray());
        });
    }

    [Fact]
    public void Dashboard_EveryPanelExpression_UsesOnlyMetricsTheServerExports_AndShowsEveryFamily()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(DashboardPath));
        var exported = PrometheusText.Names(_scrape.Scrape);
        var expressions = Panels(dashboard.RootElement)
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => t.GetProperty("expr").GetString()!)
            .ToList();
        var used = expressions.SelectMany(PrometheusText.MetricNamesIn).ToHashSet(StringComparer.Ordinal);

        Assert.All(used, name => Assert.Contains(name, exported));
        Assert.All(Families, family => Assert.Contains(used, name => name == family || name.StartsWith(family + "_", StringComparison.Ordinal)));
    }

    [Fact]
    public void AlertRules_EveryExpression_UsesOnlyMetricsTheServerExports()
    {
        var exported = PrometheusText.Names(_scrape.Scrape);
        var used = PrometheusText.MetricNamesIn(File.ReadAllText(Path.Combine(Promtool.DeployDirectory, "prometheus", "alerts.yml"))).ToList();

        Assert.NotEmpty(used);
        Assert.All(used, name => Assert.Contains(name, exported));
    }

    [Fact]
    public void Dashboard_HistogramSeries_ShowLatenciesInSecondsAndCountsAsRates()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(DashboardPath));
        var series = Panels(dashboard.RootElement)
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => (
                Panel: p.GetProperty("title").GetString()!,
                Expr: t.GetProperty("expr").GetString()!,
                Unit: UnitOf(p, t.GetProperty("refId").GetString()!))))
            .Where(s => s.Expr.Contains("_seconds_", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(series);
        Assert.All(series, s =>
        {
            var latency = s.Expr.Contains("histogram_quantile", StringComparison.Ordinal) || s.Expr.Contains("_seconds_sum", StringComparison.Ordinal);
            // A rate of a histogram's _count is events per second, not a duration.
            Assert.True(latency ? s.Unit == "s" : s.Unit is "ops" or "reqps", $"{s.Panel}: {s.Expr} has unit {s.Unit}");
        });
    }

    private static string? UnitOf(JsonElement panel, string refId)
    {
        var config = panel.GetProperty("fieldConfig");
        var unit = config.GetProperty("defaults").TryGetProperty("unit", out var value) ? value.GetString() : null;
        foreach (var over in config.GetProperty("overrides").EnumerateArray())
        {
            var matcher = over.GetProperty("matcher");
            if (matcher.GetProperty("id").GetString() == "byFrameRefID" && matcher.GetProperty("options").GetString() == refId)
            {
                foreach (var property in over.GetProperty("properties").EnumerateArray().Where(p => p.GetProperty("id").GetString() == "unit"))
                {
                    unit = property.GetProperty("value").GetString();
                }
            }
        }

        return unit;
    }

    private static string DashboardPath => Path.Combine(Promtool.DeployDirectory, "grafana", "security-dashboard.json");

    private static IEnumerable<JsonElement> Panels(JsonElement container)
    {
        foreach (var panel in container.GetProperty("panels").EnumerateArray())
        {
            yield return panel;
            if (panel.TryGetProperty("panels", out _))
            {
                foreach (var inner in Panels(panel))
                {
                    yield return inner;
                }
            }
        }
    }
}
