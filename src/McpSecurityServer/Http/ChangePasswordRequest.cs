namespace McpSecurity.Server.Http;

/// <summary>The body of <c>POST /api/v1/auth/change-password</c>.</summary>
internal sealed class ChangePasswordRequest
{
    public string? Username { get; set; }
    public string? CurrentPassword { get; set; }
    public string? NewPassword { get; set; }
}
