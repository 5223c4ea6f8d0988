using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using McpSecurity.Handoff;

namespace McpSecurity.Server.Mcp;

/// <summary>The serializer options the hand-off tools' schemas are made with: the hand-off wire format (snake_case, string enums).</summary>
internal static class HandoffToolJson
{
    /// <summary>Gets the options: the hand-off contexts first, reflection for the tools' plain parameters.</summary>
    public static JsonSerializerOptions Options { get; } = new(HandoffJson.Options)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(HandoffJsonContext.Default, HandoffSecurityJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };
}
