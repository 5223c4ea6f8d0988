using System.Text.Json;
using System.Text.Json.Serialization;

namespace McpSecurity.Handoff;

/// <summary>The reputation of an address, from the product's own observations of it.</summary>
public sealed class IPReputationScore
{
    /// <summary>Gets or sets the address.</summary>
    public required string Ip { get; set; }

    /// <summary>Gets or sets the score (0..1, 1 = trusted).</summary>
    public double Score { get; set; }

    /// <summary>Gets or sets the band (default neutral).</summary>
    public IPReputationLevel Level { get; set; } = IPReputationLevel.Neutral;

    /// <summary>Gets or sets the reason codes behind the score.</summary>
    public List<string> Reasons { get; set; } = [];

    /// <summary>Gets or sets the failed logins from the address in the last 24 hours.</summary>
    [JsonPropertyName("failed_logins_24h")]
    public long FailedLogins24h { get; set; }

    /// <summary>Gets or sets the rate-limit violations from the address in the last 24 hours.</summary>
    [JsonPropertyName("rate_limit_violations_24h")]
    public long RateLimitViolations24h { get; set; }

    /// <summary>Gets or sets whether the address is blocked.</summary>
    public bool Blocked { get; set; }

    /// <summary>Gets or sets when the score was computed.</summary>
    public DateTimeOffset? EvaluatedAt { get; set; }

    /// <summary>Gets or sets the fields this version does not know; kept so that they survive a read-modify-write.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
