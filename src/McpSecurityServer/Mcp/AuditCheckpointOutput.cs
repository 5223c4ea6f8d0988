using System.ComponentModel;
using System.Text.Json.Serialization;
using McpSecurity.SecurityCore.Audit;

namespace McpSecurity.Server.Mcp;

/// <summary>A signed checkpoint on the wire: the signature covers the RFC 8785 JSON of every member but <c>signature</c>, plus <c>type</c>.</summary>
internal sealed record AuditCheckpointOutput(
    [property: JsonPropertyName("type"), Description("Always mcpsec-audit-checkpoint/v1 (part of the signed bytes).")] string Type,
    [property: JsonPropertyName("tree_size"), Description("The number of entries covered.")] long TreeSize,
    [property: JsonPropertyName("root_hash"), Description("The RFC 9162 root (hex).")] string RootHash,
    [property: JsonPropertyName("timestamp"), Description("When it was signed, exactly as signed (UTC, 7 fractional digits).")] string Timestamp,
    [property: JsonPropertyName("alg"), Description("ES256.")] string Algorithm,
    [property: JsonPropertyName("kid"), Description("The audit key id.")] string KeyId,
    [property: JsonPropertyName("signature"), Description("The ES256 signature (base64url, r||s).")] string Signature)
{
    public static AuditCheckpointOutput? From(AuditCheckpoint? checkpoint) => checkpoint is null ? null
        : new AuditCheckpointOutput(AuditCheckpoint.TypeName, checkpoint.TreeSize, checkpoint.RootHash,
            checkpoint.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            checkpoint.Signature.Algorithm, checkpoint.Signature.KeyId, checkpoint.Signature.Value);
}
