namespace McpSecurity.Server.Http;

/// <summary>The body of <c>POST /api/v1/me/password</c>.</summary>
internal sealed class ChangeOwnPasswordRequest
{
    public string? CurrentPassword { get; set; }
    public string? NewPassword { get; set; }
}
