using System.ComponentModel;
using System.Text.Json.Serialization;
using McpSecurity.SecurityCore.Authorization;

namespace McpSecurity.Server.Mcp;

/// <summary>Every role and the permission catalogue (<c>list_roles</c>, <c>GET /api/v1/roles</c>).</summary>
internal sealed record RoleListOutput(
    [property: JsonPropertyName("roles")] IReadOnlyList<RoleOutput> Roles,
    [property: JsonPropertyName("permissions"), Description("The permission catalogue: every permission a role can grant.")] IReadOnlyList<string> Permissions)
{
    public static RoleListOutput From(IReadOnlyList<RoleDefinition> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        return new RoleListOutput([.. roles.Select(RoleOutput.From)], SecurityCore.Authorization.Permissions.All);
    }
}
