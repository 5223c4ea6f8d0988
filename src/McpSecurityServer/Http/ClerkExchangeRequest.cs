namespace McpSecurity.Server.Http;

/// <summary>The body of <c>POST /api/v1/auth/clerk/exchange</c>.</summary>
internal sealed class ClerkExchangeRequest
{
    public string? SessionToken { get; set; }
    public string? Scope { get; set; }
}
