using System.ComponentModel;
using System.Text.Json.Serialization;
using McpSecurity.SecurityCore.Audit;

namespace McpSecurity.Server.Mcp;

/// <summary>A consistency proof on the wire (RFC 9162 section 2.1.4).</summary>
internal sealed record AuditConsistencyProofOutput(
    [property: JsonPropertyName("first_size"), Description("The older tree size.")] long FirstSize,
    [property: JsonPropertyName("first_root"), Description("The older root (hex).")] string FirstRoot,
    [property: JsonPropertyName("second_size"), Description("The newer tree size.")] long SecondSize,
    [property: JsonPropertyName("second_root"), Description("The newer root (hex).")] string SecondRoot,
    [property: JsonPropertyName("proof"), Description("The proof hashes (hex).")] IReadOnlyList<string> Proof,
    [property: JsonPropertyName("first_checkpoint"), Description("The signed checkpoint of first_size, when one exists.")] AuditCheckpointOutput? FirstCheckpoint,
    [property: JsonPropertyName("second_checkpoint"), Description("The signed checkpoint of second_size, when one exists.")] AuditCheckpointOutput? SecondCheckpoint)
{
    public static AuditConsistencyProofOutput From(AuditConsistencyProof proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        return new AuditConsistencyProofOutput(proof.FirstSize, proof.FirstRoot, proof.SecondSize, proof.SecondRoot, proof.Proof,
            AuditCheckpointOutput.From(proof.FirstCheckpoint), AuditCheckpointOutput.From(proof.SecondCheckpoint));
    }
}
