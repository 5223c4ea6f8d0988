namespace McpSecurity.Server.Http;

/// <summary>The body of <c>POST /api/v1/roles</c>: a custom role from catalogue permissions.</summary>
internal sealed class CreateRoleRequest
{
    public string? Name { get; set; }
    public string? Description { get; set; }
#pragma warning disable CA1819, CA2227 // A JSON wire type.
    public string[]? Permissions { get; set; }
#pragma warning restore CA1819, CA2227
}
