using Microsoft.Extensions.Options;

namespace McpSecurity.Server.Monitoring;

/// <summary>Validates <see cref="MetricsOptions"/> at start-up; each failure names the key and the rule.</summary>
internal sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        for (var i = 0; i < options.AllowedNetworks.Length; i++)
        {
            var entry = options.AllowedNetworks[i];
            if (string.Equals(entry, MetricsOptions.None, StringComparison.OrdinalIgnoreCase))
            {
                if (options.AllowedNetworks.Length > 1)
                {
                    failures.Add($"Metrics:AllowedNetworks:{i} is 'none', which cannot be combined with other networks.");
                }

                continue;
            }

            if (MetricsNetworks.Parse(entry) is null)
            {
                failures.Add($"Metrics:AllowedNetworks:{i} must be an IP address or a CIDR network (for example '10.0.0.0/8' or '::1/128'), not '{entry}'.");
            }
        }

        if (options.Enabled && !options.AllowBearer && options.AllowedNetworks is [var only] && string.Equals(only, MetricsOptions.None, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add("Metrics:AllowBearer is false and Metrics:AllowedNetworks is 'none', so nobody could scrape /metrics; set Metrics:Enabled to false instead.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
