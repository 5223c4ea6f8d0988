using System.ComponentModel;
using System.Text.Json.Serialization;
using McpSecurity.SecurityCore.Authorization;

namespace McpSecurity.Server.Mcp;

/// <summary>A role and the permissions it grants (<c>list_roles</c>, <c>GET /api/v1/roles</c>).</summary>
internal sealed record RoleOutput(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("permissions"), Description("The permissions the role grants.")] IReadOnlyList<string> Permissions,
    [property: JsonPropertyName("built_in"), Description("True for the configured roles (hand-off roles and admin); false for custom roles.")] bool BuiltIn,
    [property: JsonPropertyName("created_at"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? CreatedAt,
    [property: JsonPropertyName("created_by"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CreatedBy)
{
    public static RoleOutput From(RoleDefinition role)
    {
        ArgumentNullException.ThrowIfNull(role);
        return new RoleOutput(role.Name, role.Description, role.Permissions, role.IsBuiltIn, role.CreatedAt, role.CreatedBy);
    }
}
