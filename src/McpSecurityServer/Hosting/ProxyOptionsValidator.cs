using System.Net;
using McpSecurity.SecurityCore.Networking;
using Microsoft.Extensions.Options;

namespace McpSecurity.Server.Hosting;

/// <summary>Validates <see cref="ProxyOptions"/> at start-up; each failure names the key and the rule.</summary>
internal sealed class ProxyOptionsValidator : IValidateOptions<ProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, ProxyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        for (var i = 0; i < options.TrustedProxies.Length; i++)
        {
            if (!TryParse(options.TrustedProxies[i], out _))
            {
                failures.Add($"{ProxyOptions.SectionName}:{nameof(ProxyOptions.TrustedProxies)}:{i} must be an IP address or a CIDR network (for example '10.0.0.5' or '10.0.0.0/24'), not '{options.TrustedProxies[i]}'.");
            }
        }

        if (options.ForwardLimit is < 1 or > 10)
        {
            failures.Add($"{ProxyOptions.SectionName}:{nameof(ProxyOptions.ForwardLimit)} must be between 1 and 10.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Parses an address (as a one-address network) or a CIDR network.</summary>
    public static bool TryParse(string? value, out IPNetwork network) => IPNetworkParser.TryParse(value, out network);
}
