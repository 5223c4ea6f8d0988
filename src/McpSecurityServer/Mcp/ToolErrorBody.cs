using System.Text.Json.Serialization;

namespace McpSecurity.Server.Mcp;

/// <summary>The code and message of a failed tool call.</summary>
/// <param name="Code">The stable error code.</param>
/// <param name="Message">A human message.</param>
/// <param name="Details">Caller-safe details as in the REST envelope (for example the <c>field</c> at fault), or null.</param>
internal sealed record ToolErrorBody(
    string Code,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, object?>? Details = null);
