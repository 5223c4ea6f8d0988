using System.Text.Json.Serialization;

namespace McpSecurity.Server.Http;

/// <summary>The body of <c>POST /api/v1/ratelimit/check</c>.</summary>
/// <remarks>An unknown field is refused, as an unknown tool argument is: a misspelt <c>consume</c> must not pass unnoticed.</remarks>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed class RateLimitCheckRequest
{
    public string? Policy { get; set; }
    public string? Key { get; set; }
    public bool Consume { get; set; }
}
