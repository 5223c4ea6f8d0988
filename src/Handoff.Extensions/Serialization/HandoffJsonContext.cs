using System.Text.Json.Serialization;

namespace McpSecurity.Handoff;

/// <summary>
/// The source-generated serializer metadata of every hand-off wire type: snake_case names, lower-case snake enum
/// strings, Phase 6 timestamps, nulls written, duplicate properties refused, non-nullable members enforced.
/// </summary>
/// <remarks>Use <see cref="HandoffJson.Options"/> (this context's options), never options of your own.</remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    AllowDuplicateProperties = false,
    RespectNullableAnnotations = true,
    NumberHandling = JsonNumberHandling.Strict,
    Converters = [typeof(HandoffTimestampConverter)])]
[JsonSerializable(typeof(AgentHandoffReport))]
[JsonSerializable(typeof(EnhancedAgentHandoffReport))]
[JsonSerializable(typeof(SignOffRecord))]
[JsonSerializable(typeof(EnhancedSignOffRecord))]
[JsonSerializable(typeof(ReviewDecision))]
[JsonSerializable(typeof(CreateHandoffReportRequest))]
[JsonSerializable(typeof(UpdateHandoffReportRequest))]
[JsonSerializable(typeof(SubmitHandoffReportRequest))]
[JsonSerializable(typeof(ReviewHandoffReportRequest))]
[JsonSerializable(typeof(UpdatePhase6ComponentRequest))]
[JsonSerializable(typeof(UpdatePhase7ComponentRequest))]
[JsonSerializable(typeof(HandoffReportPage))]
[JsonSerializable(typeof(HandoffValidationError))]
[JsonSerializable(typeof(string))]
public sealed partial class HandoffJsonContext : JsonSerializerContext;
