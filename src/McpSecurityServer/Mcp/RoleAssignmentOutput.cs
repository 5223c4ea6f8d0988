using System.ComponentModel;
using System.Text.Json.Serialization;
using McpSecurity.SecurityCore.Authorization;

namespace McpSecurity.Server.Mcp;

/// <summary>The result of <c>assign_role</c> and <c>revoke_role</c> (and their REST routes).</summary>
internal sealed record RoleAssignmentOutput(
    [property: JsonPropertyName("holder_type"), Description("user or client.")] string HolderType,
    [property: JsonPropertyName("holder_id"), Description("The user id or client id.")] string HolderId,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("roles"), Description("Every role the holder has now.")] IReadOnlyList<string> Roles,
    [property: JsonPropertyName("changed"), Description("False when the holder already had (or did not have) the role.")] bool Changed)
{
    public static RoleAssignmentOutput From(RoleAssignment assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        return new RoleAssignmentOutput(assignment.Holder.KindName, assignment.Holder.Id, assignment.Role, assignment.Roles, assignment.Changed);
    }
}
