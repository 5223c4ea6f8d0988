namespace McpSecurity.SecurityCore.Tokens;

/// <summary>Validates access tokens: size and shape, algorithm, key, signature, claims, then revocation.</summary>
/// <remarks>Results are cached (bounded); the revocation check runs on every call, cached or not.</remarks>
public interface IAccessTokenValidator
{
    /// <summary>Validates a compact JWS access token.</summary>
    TokenValidationResult Validate(string token);
}
