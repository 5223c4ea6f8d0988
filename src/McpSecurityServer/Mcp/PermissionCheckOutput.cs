using System.ComponentModel;
using System.Text.Json.Serialization;

namespace McpSecurity.Server.Mcp;

/// <summary>The result of <c>check_permission</c>.</summary>
internal sealed record PermissionCheckOutput(
    [property: JsonPropertyName("subject"), Description("The user id or client id checked.")] string Subject,
    [property: JsonPropertyName("permission")] string Permission,
    [property: JsonPropertyName("allowed")] bool Allowed,
    [property: JsonPropertyName("error_code"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Description("INSUFFICIENT_PERMISSIONS when not allowed.")] string? ErrorCode,
    [property: JsonPropertyName("missing_permission"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MissingPermission,
    [property: JsonPropertyName("permissions"), Description("Every permission the subject holds now, from its current roles.")] IReadOnlyList<string> Permissions);
