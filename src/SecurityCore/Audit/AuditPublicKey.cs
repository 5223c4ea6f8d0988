namespace McpSecurity.SecurityCore.Audit;

/// <summary>The public half of an audit signing key, for verifying signatures outside this server.</summary>
/// <param name="KeyId">The key id (<c>kid</c>).</param>
/// <param name="Algorithm">The JWS algorithm (<c>ES256</c>).</param>
/// <param name="X">The P-256 x coordinate, base64url (JWK <c>x</c>).</param>
/// <param name="Y">The P-256 y coordinate, base64url (JWK <c>y</c>).</param>
/// <param name="CreatedAt">When the key was created.</param>
public sealed record AuditPublicKey(string KeyId, string Algorithm, string X, string Y, DateTimeOffset CreatedAt);
