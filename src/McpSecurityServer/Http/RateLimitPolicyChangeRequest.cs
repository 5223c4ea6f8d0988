using System.Text.Json.Serialization;

namespace McpSecurity.Server.Http;

/// <summary>The body of <c>PUT /api/v1/ratelimit/policies/{name}</c> (the arguments of <c>set_rate_limit_policy</c>).</summary>
/// <remarks>An unknown field is refused, as an unknown tool argument is: a misspelt <c>consume</c> must not pass unnoticed.</remarks>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed class RateLimitPolicyChangeRequest
{
    public int? Limit { get; set; }
    public int? PeriodSeconds { get; set; }
    public int? Burst { get; set; }
    public string? Algorithm { get; set; }
    public string? FailureMode { get; set; }
}
