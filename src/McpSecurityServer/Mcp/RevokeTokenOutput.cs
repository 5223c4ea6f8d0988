using System.ComponentModel;
using System.Text.Json.Serialization;

namespace McpSecurity.Server.Mcp;

/// <summary>The result of <c>revoke_token</c>.</summary>
/// <param name="Revoked">Always true once processed: as RFC 7009 says, an unknown or already invalid token is not an error.</param>
internal sealed record RevokeTokenOutput(
    [property: JsonPropertyName("revoked"), Description("True once the revocation is processed (unknown tokens are not an error, RFC 7009).")] bool Revoked);
