namespace McpSecurity.Server.Http;

/// <summary>The body of <c>POST /api/v1/users/{id}/roles</c> and <c>POST /api/v1/clients/{id}/roles</c>.</summary>
internal sealed class RoleRequest
{
    public string? Role { get; set; }
}
