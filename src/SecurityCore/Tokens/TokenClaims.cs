namespace McpSecurity.SecurityCore.Tokens;

/// <summary>The claims read from a payload, before they become a <see cref="ValidatedToken"/>.</summary>
internal struct TokenClaims
{
    public ClaimFlags Seen;
    public bool IssuerMatches;
    public bool AudienceMatches;
    public string Issuer;
    public IReadOnlyList<string>? Audiences;
    public string Subject;
    public string TokenId;
    public string ClientId;
    public string SessionId;
    public IReadOnlyList<string> Scopes;
    public IReadOnlyList<string> Roles;
    public IReadOnlyList<string> AuthenticationMethods;
    public long ExpiresAt;
    public long NotBefore;
    public long IssuedAt;
    public long AuthTime;

    public readonly bool HasNotBefore => (Seen & ClaimFlags.NotBefore) != 0;

    /// <summary>Gets the failure for the first missing required claim (RFC 9068 section 2.2 plus <c>sid</c>), or null.</summary>
    public readonly TokenValidationResult? FirstMissingRequired()
    {
        if ((Seen & ClaimFlags.Required) == ClaimFlags.Required)
        {
            return null;
        }

        return (Seen & ClaimFlags.Issuer) == 0 ? Failures.MissingIssuer
            : (Seen & ClaimFlags.Subject) == 0 ? Failures.MissingSubject
            : (Seen & ClaimFlags.Audience) == 0 ? Failures.MissingAudience
            : (Seen & ClaimFlags.ExpiresAt) == 0 ? Failures.MissingExpiresAt
            : (Seen & ClaimFlags.IssuedAt) == 0 ? Failures.MissingIssuedAt
            : (Seen & ClaimFlags.TokenId) == 0 ? Failures.MissingTokenId
            : (Seen & ClaimFlags.ClientId) == 0 ? Failures.MissingClientId
            : Failures.MissingSessionId;
    }

    public readonly ValidatedToken ToValidatedToken(string keyId) => new()
    {
        TokenId = TokenId,
        KeyId = keyId,
        Issuer = Issuer,
        Audiences = Audiences ?? [],
        Subject = Subject,
        ClientId = ClientId,
        Scopes = Scopes ?? [],
        Roles = Roles ?? [],
        SessionId = SessionId,
        AuthenticationMethods = AuthenticationMethods ?? [],
        AuthTime = DateTimeOffset.FromUnixTimeSeconds((Seen & ClaimFlags.AuthTime) != 0 ? AuthTime : IssuedAt),
        IssuedAt = DateTimeOffset.FromUnixTimeSeconds(IssuedAt),
        NotBefore = DateTimeOffset.FromUnixTimeSeconds(HasNotBefore ? NotBefore : IssuedAt),
        ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(ExpiresAt),
    };
}
