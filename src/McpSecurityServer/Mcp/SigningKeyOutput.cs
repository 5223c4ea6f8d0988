using System.ComponentModel;
using System.Text.Json.Serialization;
using McpSecurity.SecurityCore.Tokens;

namespace McpSecurity.Server.Mcp;

/// <summary>Public facts about a signing key (never key material).</summary>
internal sealed record SigningKeyOutput(
    [property: JsonPropertyName("key_id"), Description("The kid.")] string KeyId,
    [property: JsonPropertyName("algorithm")] string Algorithm,
    [property: JsonPropertyName("status"), Description("active, retired or revoked.")] string Status,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("retired_at")] DateTimeOffset? RetiredAt,
    [property: JsonPropertyName("verify_until")] DateTimeOffset? VerifyUntil)
{
    public static SigningKeyOutput From(SigningKeyInfo key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new SigningKeyOutput(key.KeyId, key.Algorithm, key.Status, key.CreatedAt, key.RetiredAt, key.VerifyUntil);
    }
}
