using System.ComponentModel;
using System.Text.Json.Serialization;
using McpSecurity.SecurityCore.Audit;

namespace McpSecurity.Server.Mcp;

/// <summary>Who acted in an audit entry, on the wire.</summary>
internal sealed record AuditActorOutput(
    [property: JsonPropertyName("subject_id"), Description("The user or client id.")] string? SubjectId,
    [property: JsonPropertyName("client_id"), Description("The OAuth client involved.")] string? ClientId,
    [property: JsonPropertyName("roles"), Description("The roles the subject held.")] IReadOnlyList<string> Roles,
    [property: JsonPropertyName("address"), Description("The remote address.")] string? Address,
    [property: JsonPropertyName("authentication_method"), Description("How the subject authenticated.")] string? AuthenticationMethod)
{
    public static AuditActorOutput From(AuditActor actor) => new(actor.SubjectId, actor.ClientId, actor.Roles, actor.Address, actor.AuthenticationMethod);
}
