using System.Diagnostics.Metrics;
using System.Text;
using System.Text.RegularExpressions;
using McpSecurity.SecurityCore.Monitoring;
using Microsoft.Extensions.DependencyInjection;

namespace McpSecurity.Tests.Server.Monitoring;

/// <summary>Our mapping onto prometheus-net: the exported names, types, labels and buckets, only this container's meter, nothing else in the registry.</summary>
public sealed partial class PrometheusMeterBridgeTests : IDisposable
{
    // The names the dashboard and the alert rules rely on.
    private static readonly string[] ExpectedFamilies =
    [
        "mcpsec_auth_attempts_total counter",
        "mcpsec_blocked_addresses gauge",
        "mcpsec_incidents_open gauge",
        "mcpsec_incidents_opened_total counter",
        "mcpsec_ratelimit_check_duration_seconds histogram",
        "mcpsec_ratelimit_checks_total counter",
        "mcpsec_ratelimit_store_degraded gauge",
        "mcpsec_ratelimit_store_errors_total counter",
        "mcpsec_token_issue_duration_seconds histogram",
        "mcpsec_token_validate_duration_seconds histogram",
    ];

    private readonly ServiceProvider _services;
    private readonly ServiceProvider _other;

    public PrometheusMeterBridgeTests()
    {
        _services = Container();
        _other = Container();
    }

    [Fact]
    public async Task Collect_EveryInstrument_IsExportedUnderItsPinnedNameAndType()
    {
        var instruments = new List<string>();
        using (var listener = new MeterListener())
        {
            var factory = _services.GetRequiredService<IMeterFactory>();
            listener.InstrumentPublished = (instrument, _) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    instruments.Add(instrument.Name);
                }
            };
            _services.GetRequiredService<SecurityMetrics>();
            listener.Start();
        }

        var families = TypeLine().Matches(await ScrapeAsync(_services)).Select(m => m.Groups[1].Value + " " + m.Groups[2].Value).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(ExpectedFamilies, families);
        Assert.Equal(instruments.Count, families.Count);
    }

    [Fact]
    public async Task Collect_LabelledCounter_UsesTheTagsAsLabels()
    {
        var metrics = _services.GetRequiredService<SecurityMetrics>();
        metrics.RecordRateLimitDecision("api-principal", allowed: false);
        metrics.RecordRateLimitDecision("api-principal", allowed: false);
        metrics.RecordIncidentOpened("brute_force", "high");

        var text = await ScrapeAsync(_services);

        Assert.Equal(2, PrometheusText.Value(text, "mcpsec_ratelimit_checks_total", ("policy", "api-principal"), ("outcome", "denied")));
        Assert.Equal(0, PrometheusText.Value(text, "mcpsec_ratelimit_checks_total", ("outcome", "allowed")));
        Assert.Equal(1, PrometheusText.Value(text, "mcpsec_incidents_opened_total", ("type", "brute_force"), ("severity", "high")));
    }

    [Fact]
    public async Task Collect_Histogram_UsesTheAdvisedBucketsInSeconds()
    {
        var metrics = _services.GetRequiredService<SecurityMetrics>();
        metrics.RecordTokenIssue(TimeSpan.FromMilliseconds(3));
        metrics.RecordTokenIssue(TimeSpan.FromSeconds(10));
        metrics.RecordTokenValidation(TimeSpan.FromMicroseconds(20), valid: true);

        var text = await ScrapeAsync(_services);

        Assert.Equal(0, PrometheusText.Value(text, "mcpsec_token_issue_duration_seconds_bucket", ("le", "0.001")));
        Assert.Equal(1, PrometheusText.Value(text, "mcpsec_token_issue_duration_seconds_bucket", ("le", "0.005")));
        Assert.Equal(1, PrometheusText.Value(text, "mcpsec_token_issue_duration_seconds_bucket", ("le", "2.5")));
        Assert.Equal(2, PrometheusText.Value(text, "mcpsec_token_issue_duration_seconds_bucket", ("le", "+Inf")));
        Assert.Equal(10.003, PrometheusText.Value(text, "mcpsec_token_issue_duration_seconds_sum"), 6);
        Assert.Equal(2, PrometheusText.Value(text, "mcpsec_token_issue_duration_seconds_count"));
        Assert.Equal(1, PrometheusText.Value(text, "mcpsec_token_validate_duration_seconds_bucket", ("outcome", "valid"), ("le", "2.5e-05")));
        Assert.Equal(0, PrometheusText.Value(text, "mcpsec_token_validate_duration_seconds_bucket", ("outcome", "valid"), ("le", "1e-05")));
    }

    [Fact]
    public async Task Collect_AnotherContainersMeter_IsNotExported()
    {
        _other.GetRequiredService<PrometheusMeterBridge>();
        _other.GetRequiredService<SecurityMetrics>().RecordAuthentication(AuthenticationMetricMethods.Password, succeeded: false);
        _services.GetRequiredService<SecurityMetrics>().RecordAuthentication(AuthenticationMetricMethods.Clerk, succeeded: true);

        var text = await ScrapeAsync(_services);

        Assert.Equal(1, PrometheusText.Value(text, "mcpsec_auth_attempts_total", ("method", "clerk"), ("outcome", "success")));
        Assert.DoesNotContain("method=\"password\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_AnotherMeterOfTheSameContainer_IsNotExported()
    {
        var meter = _services.GetRequiredService<IMeterFactory>().Create("Somebody.Else");
        meter.CreateCounter<long>("mcpsec.ratelimit.checks").Add(5, new KeyValuePair<string, object?>("policy", "x"));

        var text = await ScrapeAsync(_services);

        Assert.DoesNotContain("policy=\"x\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_Registry_HoldsNoDefaultOrProcessMetrics()
    {
        var text = await ScrapeAsync(_services);

        var foreign = text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith("mcpsec_", StringComparison.Ordinal)).ToList();
        Assert.Empty(foreign);
        Assert.DoesNotContain("# TYPE process_", text, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _services.Dispose();
        _other.Dispose();
    }

    private static async Task<string> ScrapeAsync(ServiceProvider services)
    {
        using var buffer = new MemoryStream();
        await services.GetRequiredService<PrometheusMeterBridge>().CollectAndExportAsTextAsync(buffer, CancellationToken.None);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static ServiceProvider Container()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMetrics();
        services.AddSingleton<SecurityMetrics>();
        services.AddSingleton<PrometheusMeterBridge>();
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<PrometheusMeterBridge>();
        return provider;
    }

    [GeneratedRegex(@"^# TYPE (mcpsec_\w+) (\w+)$", RegexOptions.Multiline)]
    private static partial Regex TypeLine();
}
