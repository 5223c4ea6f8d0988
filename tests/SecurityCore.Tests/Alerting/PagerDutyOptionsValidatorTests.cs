using McpSecurity.SecurityCore.Alerting;

namespace McpSecurity.Tests.SecurityCore.Alerting;

public sealed class PagerDutyOptionsValidatorTests
{
    private const string RoutingKey = "R0ut1ngKeyOfTheStandInService032";

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(new PagerDutyOptionsValidator().Validate(null, new PagerDutyOptions()).Succeeded);
    }

    [Fact]
    public void Validate_EnabledWithKey_Succeeds()
    {
        var result = new PagerDutyOptionsValidator().Validate(null, new PagerDutyOptions { Enabled = true, RoutingKey = RoutingKey, Url = "http://127.0.0.1:9/v2/enqueue" });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_EnabledWithoutKey_FailsNamingTheKey()
    {
        var result = new PagerDutyOptionsValidator().Validate(null, new PagerDutyOptions { Enabled = true });

        Assert.False(result.Succeeded);
        Assert.Contains("Alerting:PagerDuty:RoutingKey", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Url", "http://events.pagerduty.com/v2/enqueue", "Alerting:PagerDuty:Url")]
    [InlineData("Url", "not a url", "Alerting:PagerDuty:Url")]
    [InlineData("RoutingKey", "has a space inside it", "Alerting:PagerDuty:RoutingKey")]
    [InlineData("MinimumSeverity", "urgent", "Alerting:PagerDuty:MinimumSeverity")]
    [InlineData("Source", "", "Alerting:PagerDuty:Source")]
    [InlineData("Group", " ", "Alerting:PagerDuty:Group")]
    public void Validate_BadString_FailsNamingTheKeyButNotTheValue(string key, string value, string expected)
    {
        var options = new PagerDutyOptions { Enabled = true, RoutingKey = RoutingKey };
        typeof(PagerDutyOptions).GetProperty(key)!.SetValue(options, value);

        var result = new PagerDutyOptionsValidator().Validate(null, options);

        Assert.False(result.Succeeded);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        if (key == "RoutingKey")
        {
            Assert.DoesNotContain(value, result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(0, "Alerting:PagerDuty:MaxAttempts")]
    [InlineData(21, "Alerting:PagerDuty:MaxAttempts")]
    public void Validate_BadAttempts_FailsNamingTheKey(int attempts, string expected)
    {
        var result = new PagerDutyOptionsValidator().Validate(null, new PagerDutyOptions { MaxAttempts = attempts });

        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadTimes_FailNamingEachKey()
    {
        var result = new PagerDutyOptionsValidator().Validate(null, new PagerDutyOptions
        {
            Timeout = TimeSpan.Zero,
            InitialBackoff = TimeSpan.FromMinutes(10),
            MaxBackoff = TimeSpan.FromSeconds(1),
            QueueCapacity = 0,
            UpdateInterval = TimeSpan.FromDays(-1),
        });

        foreach (var key in new[] { "Timeout", "InitialBackoff", "MaxBackoff", "QueueCapacity", "UpdateInterval" })
        {
            Assert.Contains($"Alerting:PagerDuty:{key}", result.FailureMessage, StringComparison.Ordinal);
        }
    }
}
