namespace McpSecurity.Server.Http;

/// <summary>The body of <c>POST /api/v1/users/{id}/password</c>.</summary>
internal sealed class SetPasswordRequest
{
    public string? Password { get; set; }
    public bool MustChangePassword { get; set; }
}
