using System.Text.Json.Serialization;

namespace McpSecurity.Handoff;

/// <summary>Serializer metadata of the sign-off and report-builder types, with the options of <see cref="HandoffJsonContext"/>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    AllowDuplicateProperties = false,
    RespectNullableAnnotations = true,
    NumberHandling = JsonNumberHandling.Strict,
    Converters = [typeof(HandoffTimestampConverter)])]
[JsonSerializable(typeof(SignOffHandoffReportRequest))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(SignOffVerification))]
[JsonSerializable(typeof(List<SignOffVerification>))]
public sealed partial class HandoffSecurityJsonContext : JsonSerializerContext;
