using System.Net;
using McpSecurity.SecurityCore.Incidents;
using McpSecurity.SecurityCore.Monitoring;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Detection;

/// <summary>Validates <see cref="DetectionOptions"/>; each failure names the key and the rule (also keys the options do not know inside a pattern).</summary>
internal sealed class DetectionOptionsValidator(IConfiguration? section = null) : IValidateOptions<DetectionOptions>
{
    private static readonly HashSet<string> PatternKeys = new(
        typeof(DetectionPatternOptions).GetProperties().Select(p => p.Name), StringComparer.OrdinalIgnoreCase);

    private static readonly string[] Severities = [IncidentSeverities.Critical, IncidentSeverities.High, IncidentSeverities.Medium, IncidentSeverities.Low];

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DetectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string prefix = DetectionOptions.SectionName;
        var failures = new List<string>();
        if (options.MaxTrackedKeys is < 100 or > 1_000_000)
        {
            failures.Add($"{prefix}:MaxTrackedKeys must be between 100 and 1000000.");
        }

        if (options.EvidenceSampleSize is < 1 or > 200)
        {
            failures.Add($"{prefix}:EvidenceSampleSize must be between 1 and 200.");
        }

        if (options.BlockResyncInterval < TimeSpan.FromSeconds(1) || options.BlockResyncInterval > TimeSpan.FromHours(1))
        {
            failures.Add($"{prefix}:BlockResyncInterval must be between 00:00:01 and 01:00:00.");
        }

        var allowList = options.AllowList ?? [];
        for (var i = 0; i < allowList.Length; i++)
        {
            if (!AddressAllowList.TryParseEntry(allowList[i], out _))
            {
                failures.Add($"{prefix}:AllowList:{i} must be an IP address or a CIDR network such as 10.0.0.0/8 (got '{Shorten(allowList[i])}').");
            }
        }

        foreach (var (type, key, pattern) in options.Patterns())
        {
            var path = prefix + ":" + key;
            if (pattern is null)
            {
                failures.Add($"{path} must be a section.");
                continue;
            }

            if (section?.GetSection(key) is { } configured)
            {
                foreach (var child in configured.GetChildren())
                {
                    if (!PatternKeys.Contains(child.Key))
                    {
                        failures.Add($"Unknown configuration key '{path}:{child.Key}'. Known keys of '{path}': {string.Join(", ", PatternKeys.Order(StringComparer.Ordinal))}.");
                    }
                }
            }

            CheckPattern(type, path, pattern, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckPattern(string type, string path, DetectionPatternOptions pattern, List<string> failures)
    {
        if (pattern.Threshold is < 1 or > 1_000_000)
        {
            failures.Add($"{path}:Threshold must be between 1 and 1000000.");
        }

        if (pattern.Window < TimeSpan.FromSeconds(1) || pattern.Window > TimeSpan.FromDays(1))
        {
            failures.Add($"{path}:Window must be between 00:00:01 and 1.00:00:00.");
        }

        if (!Severities.Contains(pattern.Severity, StringComparer.Ordinal))
        {
            failures.Add($"{path}:Severity must be one of {string.Join(", ", Severities)}.");
        }

        if (pattern.BlockDuration < TimeSpan.FromSeconds(1) || pattern.BlockDuration > TimeSpan.FromDays(30))
        {
            failures.Add($"{path}:BlockDuration must be between 00:00:01 and 30.00:00:00.");
        }

        if (pattern.LockDuration < TimeSpan.FromSeconds(1) || pattern.LockDuration > TimeSpan.FromDays(1))
        {
            failures.Add($"{path}:LockDuration must be between 00:00:01 and 1.00:00:00.");
        }

        if (pattern.MinDistinctAddresses is < 1 or > 100_000)
        {
            failures.Add($"{path}:MinDistinctAddresses must be between 1 and 100000.");
        }

        if (pattern.MaxAttemptsPerAccount is < 1 or > 1000)
        {
            failures.Add($"{path}:MaxAttemptsPerAccount must be between 1 and 1000.");
        }

        var allowed = AllowedResponses(type);
        var responses = pattern.Responses ?? [];
        for (var i = 0; i < responses.Length; i++)
        {
            var response = responses[i];
            if (!string.Equals(response, "none", StringComparison.Ordinal) && !allowed.Contains(response, StringComparer.Ordinal))
            {
                failures.Add($"{path}:Responses:{i} must be one of none, {string.Join(", ", allowed)} (got '{Shorten(response)}').");
            }
        }
    }

    /// <summary>Gets the responses that make sense for a pattern: account responses need an account, blocks an address.</summary>
    internal static string[] AllowedResponses(string type) => type switch
    {
        IncidentTypes.BruteForce => [IncidentResponseKinds.LockAccount, IncidentResponseKinds.BlockAddress, IncidentResponseKinds.RevokeSessions],
        IncidentTypes.RefreshTokenReuse => [IncidentResponseKinds.RevokeSessions, IncidentResponseKinds.BlockAddress],
        _ => [IncidentResponseKinds.BlockAddress],
    };

    private static string Shorten(string? value) => value is null ? "" : value.Length > 60 ? value[..60] : value;
}
