using McpSecurity.SecurityCore.Alerting;
using McpSecurity.SecurityCore.Audit;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Clerk;
using McpSecurity.SecurityCore.Detection;
using McpSecurity.SecurityCore.Distributed;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.SecurityCore.RateLimiting;
using McpSecurity.SecurityCore.Storage;
using McpSecurity.SecurityCore.Tokens;
using McpSecurity.SecurityCore.TwoFactor;
using McpSecurity.Server.Mcp;

namespace McpSecurity.Server.Hosting;

/// <summary>The configuration keys this server understands; anything else in its own layers is refused at start.</summary>
internal static class KnownConfiguration
{
    /// <summary>The prefix of the server's environment variables (<c>MCPSEC__Section__Key</c>).</summary>
    public const string EnvironmentPrefix = "MCPSEC__";

    /// <summary>Gets the options sections (by path, such as <c>Tokens</c> or <c>Identity:PasswordPolicy</c>) and the type each binds to.</summary>
    public static IReadOnlyDictionary<string, Type> OptionSections { get; } = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase)
    {
        [StorageOptions.SectionName] = typeof(StorageOptions),
        [TokenOptions.SectionName] = typeof(TokenOptions),
        [BootstrapOptions.SectionName] = typeof(BootstrapOptions),
        [PasswordHashingOptions.SectionName] = typeof(PasswordHashingOptions),
        [PasswordPolicyOptions.SectionName] = typeof(PasswordPolicyOptions),
        [ClerkOptions.SectionName] = typeof(ClerkOptions),
        [McpEndpointOptions.SectionName] = typeof(McpEndpointOptions),
        [RoleOptions.SectionName] = typeof(RoleOptions),
        [LockoutOptions.SectionName] = typeof(LockoutOptions),
        [TwoFactorOptions.SectionName] = typeof(TwoFactorOptions),
        [RateLimitingOptions.SectionName] = typeof(RateLimitingOptions),
        [RedisOptions.SectionName] = typeof(RedisOptions),
        [AuditOptions.SectionName] = typeof(AuditOptions),
        [McpSecurity.Handoff.HandoffSignOffOptions.SectionName] = typeof(McpSecurity.Handoff.HandoffSignOffOptions),
        [AuditRetentionOptions.SectionName] = typeof(AuditRetentionOptions),
        [SessionTimeoutOptions.SectionName] = typeof(SessionTimeoutOptions),
        [PagerDutyOptions.SectionName] = typeof(PagerDutyOptions),
        [DetectionOptions.SectionName] = typeof(DetectionOptions),
        [McpSecurity.Server.Monitoring.MetricsOptions.SectionName] = typeof(McpSecurity.Server.Monitoring.MetricsOptions),
        [ProxyOptions.SectionName] = typeof(ProxyOptions),
        [McpSecurity.Server.Logging.ServerLoggingOptions.SectionName] = typeof(McpSecurity.Server.Logging.ServerLoggingOptions),
    };

    /// <summary>Gets top-level keys that belong to ASP.NET Core itself and are passed through.</summary>
    public static IReadOnlySet<string> HostKeys { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "urls", "environment", "applicationName", "contentRoot", "Kestrel",
    };

    /// <summary>Gets whether a top-level key is understood.</summary>
    public static bool IsKnownTopLevel(string key) =>
        HostKeys.Contains(key) || OptionSections.Keys.Any(path => string.Equals(path.Split(':')[0], key, StringComparison.OrdinalIgnoreCase));

    /// <summary>Gets the sections that only group options sections (such as <c>Identity</c>) with the names of their children.</summary>
    public static IReadOnlyDictionary<string, string[]> GroupSections { get; } = OptionSections.Keys
        .Where(path => path.Contains(':', StringComparison.Ordinal))
        .GroupBy(path => path[..path.LastIndexOf(':')], StringComparer.OrdinalIgnoreCase)
        .Where(group => !OptionSections.ContainsKey(group.Key))
        .ToDictionary(group => group.Key, group => group.Select(path => path[(path.LastIndexOf(':') + 1)..]).ToArray(), StringComparer.OrdinalIgnoreCase);
}
