using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace McpSecurity.Handoff;

/// <summary>
/// The one way hand-off JSON is read and written: the shared <see cref="Options"/>, and readers that report one error
/// per bad field (type, enumeration value, timestamp, required, then the Phase 6 rules) instead of an exception.
/// </summary>
public static class HandoffJson
{
    /// <summary>Gets the shared serializer options (source-generated; read-only).</summary>
    public static JsonSerializerOptions Options => HandoffJsonContext.Default.Options;

    /// <summary>Writes a Phase 6 report.</summary>
    public static string Serialize(AgentHandoffReport report) => JsonSerializer.Serialize(report, HandoffJsonContext.Default.AgentHandoffReport);

    /// <summary>Writes an enhanced report (a Phase 6 reader ignores the Phase 7 fields).</summary>
    public static string Serialize(EnhancedAgentHandoffReport report) =>
        JsonSerializer.Serialize(report, HandoffJsonContext.Default.EnhancedAgentHandoffReport);

    /// <summary>Reads a report as Phase 6 wrote it, then checks Phase 6's rules.</summary>
    public static HandoffParseResult<AgentHandoffReport> ReadReport(string json)
    {
        var result = Read(json, HandoffJsonContext.Default.AgentHandoffReport);
        return result.Value is null ? result : new(result.Value, HandoffReportValidator.Validate(result.Value));
    }

    /// <summary>
    /// Reads a Phase 6 or Phase 7 report as an enhanced report (missing Phase 7 fields get their defaults), then checks
    /// Phase 6's rules and the Phase 7 ranges.
    /// </summary>
    public static HandoffParseResult<EnhancedAgentHandoffReport> ReadEnhancedReport(string json)
    {
        var result = Read(json, HandoffJsonContext.Default.EnhancedAgentHandoffReport);
        return result.Value is null ? result : new(result.Value, HandoffReportValidator.Validate(result.Value));
    }

    /// <summary>
    /// Reads any hand-off wire type, collecting one error per field with the wrong JSON type, an unknown enumeration
    /// value, a bad timestamp or a missing required value; rules beyond the shape are the caller's.
    /// </summary>
    public static HandoffParseResult<T> Read<T>(string json, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(typeInfo);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            return new(null, [new("$", HandoffValidationCodes.InvalidJson, $"The body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).")]);
        }

        using (document)
        {
            return Read(document.RootElement, typeInfo);
        }
    }

    /// <summary>Reads any hand-off wire type from a parsed element; see <see cref="Read{T}(string, JsonTypeInfo{T})"/>.</summary>
    public static HandoffParseResult<T> Read<T>(JsonElement element, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        if (element.ValueKind != JsonValueKind.Object)
        {
            return new(null, [new("$", HandoffValidationCodes.InvalidJson, "The body must be a JSON object.")]);
        }

        var errors = new List<HandoffValidationError>();
        HandoffShapeChecker.Check(element, typeInfo, "", errors);
        if (errors.Count > 0)
        {
            return new(null, errors);
        }

        try
        {
            var value = element.Deserialize(typeInfo);
            return value is null
                ? new(null, [new("$", HandoffValidationCodes.InvalidJson, "The body must be a JSON object.")])
                : new(value, []);
        }
        catch (JsonException ex)
        {
            // The shape check should have caught it; still answer with the path, never a trace.
            var path = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path.TrimStart('$', '.');
            return new(null, [new(path, HandoffValidationCodes.InvalidType, $"The field '{path}' cannot be read.")]);
        }
    }

    /// <summary>Deep-copies a report through its JSON form (unknown fields included).</summary>
    public static EnhancedAgentHandoffReport Clone(EnhancedAgentHandoffReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(report, HandoffJsonContext.Default.EnhancedAgentHandoffReport);
        return JsonSerializer.Deserialize(bytes, HandoffJsonContext.Default.EnhancedAgentHandoffReport)!;
    }

    /// <summary>Converts a Phase 6 report to an enhanced one (Phase 7 fields with their defaults, unknown fields kept).</summary>
    public static EnhancedAgentHandoffReport ToEnhanced(AgentHandoffReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(report, HandoffJsonContext.Default.AgentHandoffReport);
        return JsonSerializer.Deserialize(bytes, HandoffJsonContext.Default.EnhancedAgentHandoffReport)!;
    }

    /// <summary>Writes an enhanced report as a JSON node (for faces that embed it, such as MCP structured content).</summary>
    public static JsonNode ToNode(EnhancedAgentHandoffReport report) =>
        JsonSerializer.SerializeToNode(report, HandoffJsonContext.Default.EnhancedAgentHandoffReport)!;
}
