namespace McpSecurity.SecurityCore.Audit;

/// <summary>A detached signature over canonical bytes: algorithm, key id and the base64url (no padding) signature.</summary>
/// <param name="Algorithm">The JWS algorithm name (<c>ES256</c>).</param>
/// <param name="KeyId">The id of the audit key that signed (<c>kid</c>).</param>
/// <param name="Value">The signature, base64url without padding (ES256: the 64-byte <c>r || s</c> of RFC 7518).</param>
public sealed record AuditSignature(string Algorithm, string KeyId, string Value);
