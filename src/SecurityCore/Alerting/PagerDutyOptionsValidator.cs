using System.Net;
using McpSecurity.SecurityCore.Monitoring;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Alerting;

/// <summary>Validates <see cref="PagerDutyOptions"/> at start-up; each failure names the key and the rule, never the routing key's value.</summary>
internal sealed class PagerDutyOptionsValidator : IValidateOptions<PagerDutyOptions>
{
    private const string Prefix = "Alerting:PagerDuty:";

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PagerDutyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var uri)
            || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri))))
        {
            failures.Add($"{Prefix}Url must be an absolute https URL (http only for loopback addresses).");
        }

        if (string.IsNullOrEmpty(options.RoutingKey))
        {
            if (options.Enabled)
            {
                failures.Add($"{Prefix}RoutingKey is required when {Prefix}Enabled is true (set MCPSEC__Alerting__PagerDuty__RoutingKey).");
            }
        }
        else if (options.RoutingKey.Length > 128 || options.RoutingKey.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            failures.Add($"{Prefix}RoutingKey must be the integration key of an Events API v2 integration: at most 128 characters, no spaces.");
        }

        if (PagerDutySeverity.Rank(options.MinimumSeverity) < 0)
        {
            failures.Add($"{Prefix}MinimumSeverity must be one of {IncidentSeverities.Low}, {IncidentSeverities.Medium}, {IncidentSeverities.High}, {IncidentSeverities.Critical}.");
        }

        if (string.IsNullOrWhiteSpace(options.Source) || options.Source.Length > 255)
        {
            failures.Add($"{Prefix}Source must be 1 to 255 characters.");
        }

        if (string.IsNullOrWhiteSpace(options.Group) || options.Group.Length > 255)
        {
            failures.Add($"{Prefix}Group must be 1 to 255 characters.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{Prefix}Timeout must be positive and at most 00:05:00.");
        }

        if (options.MaxAttempts is < 1 or > 20)
        {
            failures.Add($"{Prefix}MaxAttempts must be between 1 and 20.");
        }

        if (options.InitialBackoff <= TimeSpan.Zero || options.InitialBackoff > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{Prefix}InitialBackoff must be positive and at most 00:05:00.");
        }

        if (options.MaxBackoff < options.InitialBackoff || options.MaxBackoff > TimeSpan.FromHours(1))
        {
            failures.Add($"{Prefix}MaxBackoff must be at least InitialBackoff and at most 01:00:00.");
        }

        if (options.QueueCapacity is < 1 or > 100_000)
        {
            failures.Add($"{Prefix}QueueCapacity must be between 1 and 100000.");
        }

        if (options.UpdateInterval < TimeSpan.Zero || options.UpdateInterval > TimeSpan.FromDays(1))
        {
            failures.Add($"{Prefix}UpdateInterval must be between 00:00:00 and 1.00:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
