using System.ComponentModel;
using System.Text.Json.Serialization;
using McpSecurity.SecurityCore.Audit;

namespace McpSecurity.Server.Mcp;

/// <summary>The answer of <c>verify_audit</c>, <c>GET /api/v1/audit/verify</c> and <c>audit verify --json</c>.</summary>
internal sealed record AuditVerificationOutput(
    [property: JsonPropertyName("ok"), Description("Whether chain, tree and every checkpoint signature and root check out.")] bool Ok,
    [property: JsonPropertyName("code"), Description("The stable AUDIT_* code of the first problem; null when ok.")] string? Code,
    [property: JsonPropertyName("message"), Description("What is wrong; null when ok.")] string? Message,
    [property: JsonPropertyName("first_bad_sequence"), Description("The first bad sequence number; null when ok.")] long? FirstBadSequence,
    [property: JsonPropertyName("entries_checked"), Description("How many entries were recomputed (and were good).")] long EntriesChecked,
    [property: JsonPropertyName("tree_size"), Description("The tree size found.")] long TreeSize,
    [property: JsonPropertyName("root_hash"), Description("The recomputed RFC 9162 Merkle root (hex).")] string RootHash,
    [property: JsonPropertyName("checkpoints_checked"), Description("Stored signed checkpoints checked.")] int CheckpointsChecked,
    [property: JsonPropertyName("anchors_checked"), Description("Exported anchor checkpoints checked.")] int AnchorsChecked,
    [property: JsonPropertyName("unsigned_entries"), Description("Entries after the newest checkpoint (chain-protected until the next one).")] long UnsignedEntries)
{
    public static AuditVerificationOutput From(AuditVerificationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new AuditVerificationOutput(result.Ok, result.Code, result.Message, result.FirstBadSequence, result.EntriesChecked, result.TreeSize,
            result.RootHash, result.CheckpointsChecked, result.AnchorsChecked, result.UnsignedEntries);
    }
}
