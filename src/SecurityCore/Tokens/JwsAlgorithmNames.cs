namespace McpSecurity.SecurityCore.Tokens;

/// <summary>The JWS algorithms the token service signs and verifies with (RFC 7518 names).</summary>
public static class JwsAlgorithmNames
{
    /// <summary>ECDSA using P-256 and SHA-256 (the default).</summary>
    public const string ES256 = "ES256";
    /// <summary>RSASSA-PKCS1-v1_5 using SHA-256.</summary>
    public const string RS256 = "RS256";
    /// <summary>RSASSA-PSS using SHA-256 and MGF1 with SHA-256.</summary>
    public const string PS256 = "PS256";
    /// <summary>HMAC using SHA-256 (symmetric; the key is never published).</summary>
    public const string HS256 = "HS256";

    /// <summary>Gets the allow-list, in the order the documentation names it.</summary>
    public static IReadOnlyList<string> Allowed { get; } = [ES256, RS256, PS256, HS256];

    /// <summary>Gets whether <paramref name="algorithm"/> is on the allow-list (case-sensitive, as JWS requires).</summary>
    public static bool IsAllowed(string? algorithm) =>
        algorithm is ES256 or RS256 or PS256 or HS256;
}
