namespace McpSecurity.SecurityCore.Clerk;

/// <summary>Options of the Clerk integration bridge (configuration section <c>Clerk</c>).</summary>
/// <remarks>
/// Validated at start-up by <c>ClerkOptionsValidator</c> when <see cref="Enabled"/> is true; a bad value stops the server
/// with a message naming the key (never a secret's value).
/// </remarks>
public sealed class ClerkOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Clerk";

    /// <summary>Gets or sets whether Clerk session exchange and Clerk webhooks are accepted. Defaults to false.</summary>
    public bool Enabled { get; set; }

    /// <summary>Gets or sets the Clerk Frontend API URL, the exact <c>iss</c> of session tokens (for example <c>https://clerk.example.com</c>).</summary>
    /// <remarks>Must be https (http only for a loopback address). A trailing slash is ignored.</remarks>
    public string? Issuer { get; set; }

    /// <summary>Gets or sets the JWKS URL. Defaults to <c>{Issuer}/.well-known/jwks.json</c>.</summary>
    public string? JwksUrl { get; set; }

    /// <summary>Gets or sets the origins allowed in a session token's <c>azp</c> claim (for example <c>https://app.example.com</c>).</summary>
    /// <remarks>When empty, <c>azp</c> is not checked; set it in production so that tokens minted for other sites are refused.</remarks>
    public string[] AuthorizedParties { get; set; } = [];

    /// <summary>Gets or sets the Clerk Backend API base URL. Defaults to <c>https://api.clerk.com</c>.</summary>
    public string BackendApiBaseUrl { get; set; } = "https://api.clerk.com";

    /// <summary>Gets or sets the Clerk secret key (<c>sk_live_...</c> or <c>sk_test_...</c>) for the Backend API.</summary>
    /// <remarks>A secret: never logged, never returned. Prefer the environment variable <c>MCPSEC__Clerk__SecretKey</c>.</remarks>
    public string? SecretKey { get; set; }

    /// <summary>Gets or sets the webhook signing secret (<c>whsec_</c> followed by base64) shown for the endpoint in the Clerk Dashboard.</summary>
    /// <remarks>A secret: never logged. Without webhooks a user deleted in Clerk would keep their local sessions, so it is required.</remarks>
    public string? WebhookSigningSecret { get; set; }

    /// <summary>Gets or sets the mapping from a Clerk user's <c>public_metadata.role</c> (a string or an array of strings) to our roles.</summary>
    /// <remarks>Each value lists one or more of our roles separated by spaces or commas, for example <c>"reviewer": "security_reviewer qa_engineer"</c>.</remarks>
    public Dictionary<string, string> RoleMapping { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Gets or sets the mapping from the organisation role of the session's active organisation to our roles.</summary>
    /// <remarks>
    /// Keys are organisation role keys without the <c>org:</c> prefix (the configuration separator is ':'), for example
    /// <c>"admin": "tech_lead"</c> matches <c>o.rol = "admin"</c> (session token v2) and <c>org_role = "org:admin"</c> (v1).
    /// </remarks>
    public Dictionary<string, string> OrganizationRoleMapping { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Gets or sets the roles every Clerk user receives whatever their mapping. Defaults to none (least privilege).</summary>
    public string[] DefaultRoles { get; set; } = [];

    /// <summary>Gets or sets whether impersonation sessions (with an <c>act</c> claim) may be exchanged. Defaults to false.</summary>
    /// <remarks>An impersonated session would give the impersonator every right of the user here, so it is refused unless allowed.</remarks>
    public bool AllowImpersonation { get; set; }

    /// <summary>Gets or sets how long a fetched JWKS is used before it is fetched again. Defaults to 1 hour.</summary>
    public TimeSpan JwksCacheLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets the shortest time between two JWKS fetches, so unknown <c>kid</c> values cannot make us hammer Clerk. Defaults to 30 seconds.</summary>
    public TimeSpan JwksMinimumRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the allowed clock skew for <c>exp</c>, <c>nbf</c> and <c>iat</c>. Defaults to 5 seconds.</summary>
    /// <remarks>Clerk session tokens live about 60 seconds and already carry their own <c>nbf</c> allowance; keep this small.</remarks>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets the timeout of one request to Clerk (JWKS or Backend API). Defaults to 10 seconds.</summary>
    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets the issuer without a trailing slash, or null.</summary>
    internal string? NormalizedIssuer => string.IsNullOrWhiteSpace(Issuer) ? null : Issuer.Trim().TrimEnd('/');

    /// <summary>Gets the JWKS URL, defaulting to <c>{Issuer}/.well-known/jwks.json</c>, or null when neither is set.</summary>
    internal string? EffectiveJwksUrl => !string.IsNullOrWhiteSpace(JwksUrl)
        ? JwksUrl.Trim()
        : NormalizedIssuer is { } issuer ? issuer + "/.well-known/jwks.json" : null;
}
