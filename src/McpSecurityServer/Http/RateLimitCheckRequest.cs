namespace McpSecurity.Server.Http;

/// <summary>The body of <c>POST /api/v1/ratelimit/check</c>.</summary>
internal sealed class RateLimitCheckRequest
{
    public string? Policy { get; set; }
    public string? Key { get; set; }
    public bool Consume { get; set; }
}
