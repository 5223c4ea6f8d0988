using System.Text.Json;
using System.Text.Json.Serialization;

namespace McpSecurity.Server.Http;

/// <summary>The JSON settings of every REST, OAuth and MCP payload this host writes: snake_case, nulls omitted where marked.</summary>
internal static class WireJson
{
    /// <summary>Gets the shared serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // A body naming one property twice is refused: otherwise what a check reads (the first) and what the endpoint
        // uses (the last) could differ, as with the username a login policy counts.
        AllowDuplicateProperties = false,
    };
}
