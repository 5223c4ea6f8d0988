using System.Text.RegularExpressions;

namespace McpSecurity.Tests.Server.Monitoring;

/// <summary>deploy/prometheus: the rules load (<c>promtool check rules</c>) and their unit tests pass (<c>promtool test rules</c>).</summary>
public sealed partial class PrometheusRulesTests
{
    private static readonly string RulesDirectory = Path.Combine(Promtool.DeployDirectory, "prometheus");

    [Fact]
    public async Task AlertRules_PromtoolCheckRules_Succeeds()
    {
        var result = await Promtool.RunAsync(["check", "rules", "alerts.yml"], RulesDirectory);

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.Contains("SUCCESS", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlertRules_PromtoolTestRules_Succeeds()
    {
        var result = await Promtool.RunAsync(["test", "rules", "alerts.test.yml"], RulesDirectory);

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.Contains("SUCCESS", result.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mcpsec:threshold:auth_failures_per_minute", "expr: vector(30)", "expr: vector(3000)", "McpSecAuthFailureSpike")]
    [InlineData("mcpsec:threshold:high_incidents_open", "expr: vector(0)", "expr: vector(5)", "McpSecHighSeverityIncidentOpen")]
    public async Task AlertRules_AThresholdChanged_MakesTheUnitTestsFail(string threshold, string rule, string raised, string alert)
    {
        // The unit tests pin the thresholds: raising one must make them fail (they are not vacuous).
        using var copy = new Infrastructure.TempDirectory("rules");
        var rules = await File.ReadAllTextAsync(Path.Combine(RulesDirectory, "alerts.yml"));
        var recorded = $"- record: {threshold}\n        {rule}\n";
        Assert.Contains(recorded, rules, StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(copy.Path, "alerts.yml"), rules.Replace(recorded, $"- record: {threshold}\n        {raised}\n", StringComparison.Ordinal));
        File.Copy(Path.Combine(RulesDirectory, "alerts.test.yml"), Path.Combine(copy.Path, "alerts.test.yml"));

        var result = await Promtool.RunAsync(["test", "rules", "alerts.test.yml"], copy.Path);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(alert, result.StandardOutput + result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void AlertRules_EveryAlert_IsTestedFiringAndSilent()
    {
        var alerts = AlertName().Matches(File.ReadAllText(Path.Combine(RulesDirectory, "alerts.yml"))).Select(m => m.Groups[1].Value).ToList();
        var cases = File.ReadAllText(Path.Combine(RulesDirectory, "alerts.test.yml")).Split("- eval_time:", StringSplitOptions.None).Skip(1).ToList();

        Assert.True(alerts.Count >= 8, string.Join(", ", alerts));
        Assert.All(alerts, alert =>
        {
            var mine = cases.Where(c => c.Contains($"alertname: {alert}\n", StringComparison.Ordinal)).ToList();
            Assert.Contains(mine, c => c.Contains("exp_alerts: []", StringComparison.Ordinal));
            Assert.Contains(mine, c => c.Contains("exp_labels:", StringComparison.Ordinal));
        });
    }

    [GeneratedRegex(@"^\s*- alert: (\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex AlertName();
}
