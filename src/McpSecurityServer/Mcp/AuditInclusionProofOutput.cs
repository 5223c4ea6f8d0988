using System.ComponentModel;
using System.Text.Json.Serialization;
using McpSecurity.SecurityCore.Audit;

namespace McpSecurity.Server.Mcp;

/// <summary>An inclusion proof on the wire (see the README, "Proofs", for the check a third party runs).</summary>
internal sealed record AuditInclusionProofOutput(
    [property: JsonPropertyName("sequence"), Description("The entry's sequence number.")] long Sequence,
    [property: JsonPropertyName("leaf_index"), Description("sequence - 1.")] long LeafIndex,
    [property: JsonPropertyName("tree_size"), Description("The tree size proven against.")] long TreeSize,
    [property: JsonPropertyName("entry"), Description("The entry's RFC 8785 canonical JSON exactly as hashed (a string: hash its UTF-8 bytes).")] string Entry,
    [property: JsonPropertyName("entry_hash"), Description("SHA-256(entry) (hex).")] string EntryHash,
    [property: JsonPropertyName("leaf_hash"), Description("SHA-256(0x00 || entry) (hex).")] string LeafHash,
    [property: JsonPropertyName("audit_path"), Description("Sibling hashes from the leaf up (hex), RFC 9162 section 2.1.3.")] IReadOnlyList<string> AuditPath,
    [property: JsonPropertyName("root_hash"), Description("The root of the tree of tree_size entries (hex).")] string RootHash,
    [property: JsonPropertyName("checkpoint"), Description("The signed checkpoint of tree_size; null when the proof is against the current, not yet signed tree.")] AuditCheckpointOutput? Checkpoint)
{
    public static AuditInclusionProofOutput From(AuditInclusionProof proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        return new AuditInclusionProofOutput(proof.Sequence, proof.Path.LeafIndex, proof.TreeSize, proof.Entry, proof.EntryHash, proof.LeafHash,
            proof.Path.AuditPath, proof.RootHash, AuditCheckpointOutput.From(proof.Checkpoint));
    }
}
