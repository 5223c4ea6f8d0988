namespace McpSecurity.SecurityCore.Tokens;

/// <summary>Public facts about one key of the ring (never key material).</summary>
/// <param name="KeyId">The <c>kid</c>.</param>
/// <param name="Algorithm">The JWS algorithm.</param>
/// <param name="Status"><c>active</c>, <c>retired</c> or <c>revoked</c>.</param>
/// <param name="CreatedAt">When the key was created.</param>
/// <param name="RetiredAt">When it stopped signing.</param>
/// <param name="VerifyUntil">Until when it still verifies.</param>
public sealed record SigningKeyInfo(string KeyId, string Algorithm, string Status, DateTimeOffset CreatedAt, DateTimeOffset? RetiredAt, DateTimeOffset? VerifyUntil);
