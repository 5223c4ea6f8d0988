using System.Diagnostics.Metrics;
using McpSecurity.SecurityCore.Monitoring;
using Microsoft.Extensions.DependencyInjection;

namespace McpSecurity.Tests.Server.Monitoring;

/// <summary>The text format: names by the Prometheus conventions, escaped label values, only this container's meter.</summary>
public sealed class PrometheusExporterTests : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly ServiceProvider _other;

    public PrometheusExporterTests()
    {
        _services = Container();
        _other = Container();
    }

    [Fact]
    public async Task CollectAsync_CounterWithAwkwardLabelValue_EscapesItAndAddsTotal()
    {
        var exporter = _services.GetRequiredService<PrometheusExporter>();
        var meter = _services.GetRequiredService<IMeterFactory>().Create(SecurityMetrics.MeterName);
        var counter = meter.CreateCounter<long>("mcpsec.test.things", description: "Things\\counted\nhere.");

        counter.Add(2, new KeyValuePair<string, object?>("kind", "a\"b\\c\nd"));
        counter.Add(3, new KeyValuePair<string, object?>("kind", "a\"b\\c\nd"));
        var text = await exporter.CollectAsync(CancellationToken.None);

        Assert.Contains("# HELP mcpsec_test_things_total Things\\\\counted\\nhere.\n# TYPE mcpsec_test_things_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("mcpsec_test_things_total{kind=\"a\\\"b\\\\c\\nd\"} 5\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CollectAsync_Histogram_WritesCumulativeBucketsSumAndCountInSeconds()
    {
        var exporter = _services.GetRequiredService<PrometheusExporter>();
        var metrics = _services.GetRequiredService<SecurityMetrics>();

        metrics.RecordTokenIssue(TimeSpan.FromMilliseconds(3));
        metrics.RecordTokenIssue(TimeSpan.FromSeconds(10));
        var text = await exporter.CollectAsync(CancellationToken.None);

        Assert.Contains("# TYPE mcpsec_token_issue_duration_seconds histogram\n", text, StringComparison.Ordinal);
        Assert.Contains("mcpsec_token_issue_duration_seconds_bucket{le=\"0.001\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("mcpsec_token_issue_duration_seconds_bucket{le=\"0.005\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("mcpsec_token_issue_duration_seconds_bucket{le=\"2.5\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("mcpsec_token_issue_duration_seconds_bucket{le=\"+Inf\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("mcpsec_token_issue_duration_seconds_sum 10.003\n", text, StringComparison.Ordinal);
        Assert.Contains("mcpsec_token_issue_duration_seconds_count 2\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CollectAsync_AnotherContainersMeter_IsNotExported()
    {
        var exporter = _services.GetRequiredService<PrometheusExporter>();
        _other.GetRequiredService<PrometheusExporter>();

        _other.GetRequiredService<SecurityMetrics>().RecordAuthentication(AuthenticationMetricMethods.Password, succeeded: false);
        _services.GetRequiredService<SecurityMetrics>().RecordAuthentication(AuthenticationMetricMethods.Clerk, succeeded: true);
        var text = await exporter.CollectAsync(CancellationToken.None);

        Assert.Contains("mcpsec_auth_attempts_total{method=\"clerk\",outcome=\"success\"} 1\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("method=\"password\"", text, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _services.Dispose();
        _other.Dispose();
    }

    private static ServiceProvider Container()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMetrics();
        services.AddSingleton<SecurityMetrics>();
        services.AddSingleton<PrometheusExporter>();
        return services.BuildServiceProvider();
    }
}
