using System.Text.Json;
using ModelContextProtocol;

namespace McpSecurity.Server.Mcp;

/// <summary>The serializer options a tool type's arguments are bound with: registration and the argument check read them here, so they agree.</summary>
internal static class McpToolJson
{
    /// <summary>Gets the options for the tools declared by <paramref name="toolType"/>.</summary>
    public static JsonSerializerOptions For(Type toolType) =>
        toolType == typeof(HandoffTools) ? HandoffToolJson.Options : McpJsonUtilities.DefaultOptions;
}
