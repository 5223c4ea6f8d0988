using static McpSecurity.SecurityCore.SecurityErrorCodes;

namespace McpSecurity.SecurityCore.Tokens;

/// <summary>The validator's refusals, created once: a refusal allocates nothing and says nothing secret.</summary>
internal static class Failures
{
    public static readonly TokenValidationResult Empty = TokenValidationResult.Failure(TokenMalformed, "No token was presented.");
    public static readonly TokenValidationResult Oversized = TokenValidationResult.Failure(TokenMalformed, "The token is larger than 8 KiB.");
    public static readonly TokenValidationResult NotThreeSegments = TokenValidationResult.Failure(TokenMalformed, "The token is not a compact JWS of three dot-separated segments.");
    public static readonly TokenValidationResult NotBase64Url = TokenValidationResult.Failure(TokenMalformed, "A token segment is not canonical base64url.");
    public static readonly TokenValidationResult EmptySegment = TokenValidationResult.Failure(TokenMalformed, "The token's header or payload segment is empty.");
    public static readonly TokenValidationResult HeaderNotJson = TokenValidationResult.Failure(TokenMalformed, "The token header is not valid JSON.");
    public static readonly TokenValidationResult HeaderNotObject = TokenValidationResult.Failure(TokenMalformed, "The token header is not a single JSON object.");
    public static readonly TokenValidationResult HeaderBadMember = TokenValidationResult.Failure(TokenMalformed, "The token header repeats a member or gives alg, kid or typ a non-string value.");
    public static readonly TokenValidationResult PayloadNotJson = TokenValidationResult.Failure(TokenMalformed, "The token payload is not valid JSON.");
    public static readonly TokenValidationResult PayloadNotObject = TokenValidationResult.Failure(TokenMalformed, "The token payload is not a single JSON object.");
    public static readonly TokenValidationResult DuplicateClaim = TokenValidationResult.Failure(TokenMalformed, "The token payload repeats a claim.");
    public static readonly TokenValidationResult ClaimWrongType = TokenValidationResult.Failure(TokenMissingClaim, "A claim has the wrong type or is empty.");

    public static readonly TokenValidationResult AlgorithmMissing = TokenValidationResult.Failure(TokenAlgorithmNotAllowed, "The token header has no alg.");
    public static readonly TokenValidationResult AlgorithmNotAllowed = TokenValidationResult.Failure(TokenAlgorithmNotAllowed, "The token's alg is not allowed; allowed: ES256, RS256, PS256, HS256.");
    public static readonly TokenValidationResult AlgorithmKeyMismatch = TokenValidationResult.Failure(TokenAlgorithmNotAllowed, "The token's alg is not the algorithm of the key its kid names.");
    public static readonly TokenValidationResult UnsupportedCritical = TokenValidationResult.Failure(TokenUnsupportedCritical, "The token header lists crit extensions this server does not understand.");
    public static readonly TokenValidationResult BadType = TokenValidationResult.Failure(TokenBadType, "The token's typ is not at+jwt (RFC 9068).");
    public static readonly TokenValidationResult KeyIdMissing = TokenValidationResult.Failure(TokenUnknownKey, "The token header has no kid.");
    public static readonly TokenValidationResult UnknownKey = TokenValidationResult.Failure(TokenUnknownKey, "The token's kid names no key of this server.");
    public static readonly TokenValidationResult KeyNoLongerVerifies = TokenValidationResult.Failure(TokenUnknownKey, "The token's signing key was retired and no longer verifies.");
    public static readonly TokenValidationResult SignedAfterRetirement = TokenValidationResult.Failure(TokenUnknownKey, "The token claims to be issued after its signing key retired.");
    public static readonly TokenValidationResult BadSignature = TokenValidationResult.Failure(TokenBadSignature, "The token's signature does not verify.");

    public static readonly TokenValidationResult MissingIssuer = Missing("iss");
    public static readonly TokenValidationResult MissingSubject = Missing("sub");
    public static readonly TokenValidationResult MissingAudience = Missing("aud");
    public static readonly TokenValidationResult MissingExpiresAt = Missing("exp");
    public static readonly TokenValidationResult MissingIssuedAt = Missing("iat");
    public static readonly TokenValidationResult MissingTokenId = Missing("jti");
    public static readonly TokenValidationResult MissingClientId = Missing("client_id");
    public static readonly TokenValidationResult MissingSessionId = Missing("sid");

    public static readonly TokenValidationResult BadIssuer = TokenValidationResult.Failure(TokenBadIssuer, "The token's iss is not this server's issuer.");
    public static readonly TokenValidationResult BadAudience = TokenValidationResult.Failure(TokenBadAudience, "The token's aud does not name this server's resource.");
    public static readonly TokenValidationResult Expired = TokenValidationResult.Failure(TokenExpired, "The token has expired.");
    public static readonly TokenValidationResult NotYetValid = TokenValidationResult.Failure(TokenNotYetValid, "The token is not valid yet (nbf).");
    public static readonly TokenValidationResult IssuedInFuture = TokenValidationResult.Failure(TokenNotYetValid, "The token's iat lies in the future.");
    public static readonly TokenValidationResult Revoked = TokenValidationResult.Failure(TokenRevoked, "The token, its session, its subject or its signing key has been revoked.");

    private static TokenValidationResult Missing(string claim) =>
        TokenValidationResult.Failure(TokenMissingClaim, $"The token has no {claim} claim.");
}
