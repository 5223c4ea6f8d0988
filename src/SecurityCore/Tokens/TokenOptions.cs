namespace McpSecurity.SecurityCore.Tokens;

/// <summary>Options of the JWT service (configuration section <c>Tokens</c>).</summary>
/// <remarks>Validated at start-up by <see cref="TokenOptionsValidator"/>; a bad value stops the server.</remarks>
public sealed class TokenOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Tokens";

    /// <summary>Gets or sets the issuer (<c>iss</c>); defaults to the server's public base URL.</summary>
    public string Issuer { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Gets or sets the audience (<c>aud</c>): this server's resource URI (RFC 8707), the MCP endpoint.</summary>
    public string Audience { get; set; } = "http://127.0.0.1:5080/mcp";

    /// <summary>Gets or sets the signing algorithm: ES256 (default), RS256, PS256 or HS256.</summary>
    public string Algorithm { get; set; } = "ES256";

    /// <summary>Gets or sets the HS256 key, base64 or base64url of at least 32 bytes; only used with HS256.</summary>
    /// <remarks>When empty with HS256 a random key is generated and kept encrypted in the store.</remarks>
    public string? HmacKey { get; set; }

    /// <summary>Gets or sets the access token lifetime. Defaults to 15 minutes; at most 24 hours.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Gets or sets the refresh token lifetime. Defaults to 7 days.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Gets or sets the absolute session lifetime after which no refresh succeeds. Defaults to 30 days.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Gets or sets the allowed clock skew for <c>exp</c>, <c>nbf</c> and <c>iat</c>. Defaults to 30 seconds.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the lifetime of a second-factor challenge. Defaults to 5 minutes.</summary>
    public TimeSpan MfaChallengeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the automatic key rotation interval; null (default) rotates only on request.</summary>
    public TimeSpan? KeyRotationInterval { get; set; }

    /// <summary>Gets or sets how many validated tokens the cache holds at most. Defaults to 10,000.</summary>
    public int ValidationCacheSize { get; set; } = 10_000;

    /// <summary>Gets or sets how long a validation result is cached at most. Defaults to 60 seconds (the maximum).</summary>
    public TimeSpan ValidationCacheLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets how often expired revocations and refresh tokens are swept. Defaults to 5 minutes.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the scopes a client may be granted when it asks for none.</summary>
    /// <remarks>Users logging in with a password may ask for these scopes only; without a scope they get all of them.</remarks>
    public string[] DefaultScopes { get; set; } = ["mcp"];

    /// <summary>Gets or sets the <c>client_id</c> of tokens from a password login (the server's own first-party client).</summary>
    public string LoginClientId { get; set; } = "mcpsec-login";
}
