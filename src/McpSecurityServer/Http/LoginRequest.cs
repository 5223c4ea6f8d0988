namespace McpSecurity.Server.Http;

/// <summary>The body of <c>POST /api/v1/auth/login</c>.</summary>
internal sealed class LoginRequest
{
    public string? Username { get; set; }
    public string? Password { get; set; }
    public string? Scope { get; set; }
}
