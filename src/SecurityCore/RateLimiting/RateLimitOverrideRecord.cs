using System.Text.Json;
using System.Text.Json.Serialization;

namespace McpSecurity.SecurityCore.RateLimiting;

/// <summary>The wire form of one runtime override kept in the shared store (only the keys a runtime change may set).</summary>
internal sealed record RateLimitOverrideRecord
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
    private const long MaxPeriodMilliseconds = 365L * 24 * 60 * 60 * 1000;

    [JsonPropertyName("limit")]
    public int? Limit { get; init; }

    [JsonPropertyName("period_ms")]
    public long? PeriodMilliseconds { get; init; }

    [JsonPropertyName("burst")]
    public int? Burst { get; init; }

    [JsonPropertyName("algorithm")]
    public string? Algorithm { get; init; }

    [JsonPropertyName("failure_mode")]
    public string? FailureMode { get; init; }

    /// <summary>Returns the record of an override.</summary>
    public static RateLimitOverrideRecord From(RateLimitPolicyOptions delta) => new()
    {
        Limit = delta.Limit,
        PeriodMilliseconds = delta.Period is { } period ? (long)period.TotalMilliseconds : null,
        Burst = delta.Burst,
        Algorithm = delta.Algorithm,
        FailureMode = delta.FailureMode,
    };

    /// <summary>Parses a stored record; null when it is not one.</summary>
    public static RateLimitOverrideRecord? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            var record = JsonSerializer.Deserialize<RateLimitOverrideRecord>(text, Json);
            // A period no TimeSpan can hold is not a record this server wrote (validation keeps periods far shorter).
            return record?.PeriodMilliseconds is <= 0 or > MaxPeriodMilliseconds ? null : record;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Gets the JSON text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Returns the override as policy options (null keys stay unchanged).</summary>
    public RateLimitPolicyOptions ToOptions() => new()
    {
        Limit = Limit,
        Period = PeriodMilliseconds is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
        Burst = Burst,
        Algorithm = Algorithm,
        FailureMode = FailureMode,
    };
}
