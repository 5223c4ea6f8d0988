using System.ComponentModel;
using System.Text.Json.Serialization;
using McpSecurity.SecurityCore.Audit;

namespace McpSecurity.Server.Mcp;

/// <summary>An audit public key as an RFC 7517 JWK.</summary>
internal sealed record AuditJwkOutput(
    [property: JsonPropertyName("kty"), Description("EC.")] string Kty,
    [property: JsonPropertyName("crv"), Description("P-256.")] string Crv,
    [property: JsonPropertyName("x"), Description("The x coordinate (base64url).")] string X,
    [property: JsonPropertyName("y"), Description("The y coordinate (base64url).")] string Y,
    [property: JsonPropertyName("kid"), Description("The key id checkpoints name.")] string Kid,
    [property: JsonPropertyName("alg"), Description("ES256.")] string Alg,
    [property: JsonPropertyName("use"), Description("sig.")] string Use)
{
    public static AuditJwkOutput From(AuditPublicKey key) => new("EC", "P-256", key.X, key.Y, key.KeyId, key.Algorithm, "sig");
}
