using System.ComponentModel;
using System.Text.Json.Serialization;

namespace McpSecurity.Server.Mcp;

/// <summary>The answer of <c>export_audit</c>: the export file's text and what it holds.</summary>
internal sealed record AuditExportOutput(
    [property: JsonPropertyName("count"), Description("The number of entry lines.")] long Count,
    [property: JsonPropertyName("first_sequence"), Description("The first entry's sequence number (0 when none).")] long FirstSequence,
    [property: JsonPropertyName("last_sequence"), Description("The last entry's sequence number (0 when none).")] long LastSequence,
    [property: JsonPropertyName("tree_size"), Description("The signed tree size the bundle proves against.")] long TreeSize,
    [property: JsonPropertyName("root_hash"), Description("The signed root.")] string RootHash,
    [property: JsonPropertyName("jsonl"), Description("The export file: one canonical entry per line, then the proof bundle line. Save it and run 'audit verify-export --in FILE'.")] string Jsonl);
