using System.ComponentModel;
using System.Text.Json.Serialization;
using McpSecurity.SecurityCore.Audit;

namespace McpSecurity.Server.Mcp;

/// <summary>The answer of <c>get_audit_proof</c> and <c>GET /api/v1/audit/proof</c>: one of the two proofs, and the audit public keys.</summary>
internal sealed record AuditProofOutput(
    [property: JsonPropertyName("kind"), Description("inclusion or consistency.")] string Kind,
    [property: JsonPropertyName("inclusion"), Description("The inclusion proof (kind inclusion).")] AuditInclusionProofOutput? Inclusion,
    [property: JsonPropertyName("consistency"), Description("The consistency proof (kind consistency).")] AuditConsistencyProofOutput? Consistency,
    [property: JsonPropertyName("public_keys"), Description("The audit public keys (JWK); pin them against a copy obtained independently.")] IReadOnlyList<AuditJwkOutput> PublicKeys)
{
    public static AuditProofOutput From(AuditInclusionProof proof) =>
        new("inclusion", AuditInclusionProofOutput.From(proof), null, [.. proof.PublicKeys.Select(AuditJwkOutput.From)]);

    public static AuditProofOutput From(AuditConsistencyProof proof) =>
        new("consistency", null, AuditConsistencyProofOutput.From(proof), [.. proof.PublicKeys.Select(AuditJwkOutput.From)]);
}
