using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Clerk;

/// <summary>
/// Verifies a Clerk session token: a compact JWS signed RS256 (nothing else, not <c>none</c>, not HS*) by a key of Clerk's
/// JWKS named by <c>kid</c>; exact <c>iss</c>; <c>azp</c> in the allow-list when one is configured; <c>exp</c>, <c>nbf</c>
/// and <c>iat</c> with the configured skew; <c>sub</c> and <c>sid</c> present; an active session (<c>sts</c>); no
/// impersonation unless allowed. The signature is checked before any claim is believed.
/// </summary>
internal sealed class ClerkSessionVerifier(ClerkJwksProvider keys, IOptions<ClerkOptions> options, TimeProvider time)
{
    /// <summary>The one algorithm Clerk signs session tokens with, and the only one accepted.</summary>
    public const string Algorithm = "RS256";

    /// <summary>The longest token accepted (Clerk's session cookie is at most 4 KiB; custom claims leave room).</summary>
    public const int MaxTokenLength = 16 * 1024;

    private const int MaxKeyIdLength = 256;

    private static readonly JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false, MaxDepth = 16 };

    private readonly ClerkOptions _options = options.Value;

    /// <summary>Verifies <paramref name="token"/>; never throws for a bad token, only for cancellation.</summary>
    public async Task<ClerkSessionVerification> VerifyAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return Malformed($"The Clerk session token must be a compact JWS of at most {MaxTokenLength} characters.");
        }

        var firstDot = token.IndexOf('.', StringComparison.Ordinal);
        var secondDot = firstDot < 0 ? -1 : token.IndexOf('.', firstDot + 1);
        // An empty signature is checked after the header, so that "alg": "none" is refused as what it is.
        if (firstDot <= 0 || secondDot <= firstDot + 1 || token.IndexOf('.', secondDot + 1) >= 0)
        {
            return Malformed("The Clerk session token must have three base64url segments.");
        }

        using var header = ParseSegment(token.AsSpan(0, firstDot));
        if (header is null)
        {
            return Malformed("The Clerk session token's header is not base64url-encoded JSON.");
        }

        var head = header.RootElement;
        if (GetString(head, "alg") is not Algorithm)
        {
            return ClerkSessionVerification.Refused(SecurityErrorCodes.TokenAlgorithmNotAllowed,
                $"The Clerk session token must be signed with {Algorithm}; other algorithms (including none and HS256) are refused.");
        }

        if (head.TryGetProperty("crit", out _))
        {
            return ClerkSessionVerification.Refused(SecurityErrorCodes.TokenUnsupportedCritical, "The Clerk session token's header has a 'crit' parameter, which is not supported.");
        }

        if (GetString(head, "kid") is not { Length: > 0 and <= MaxKeyIdLength } keyId || keyId.Any(char.IsControl))
        {
            return ClerkSessionVerification.Refused(SecurityErrorCodes.TokenUnknownKey, "The Clerk session token's header has no usable 'kid'.");
        }

        byte[] signature;
        try
        {
            signature = Base64Url.DecodeFromChars(token.AsSpan(secondDot + 1));
        }
        catch (FormatException)
        {
            return Malformed("The Clerk session token's signature is not base64url.");
        }

        if (signature.Length == 0)
        {
            return Malformed("The Clerk session token has no signature.");
        }

        var lookup = await keys.GetKeyAsync(keyId, cancellationToken).ConfigureAwait(false);
        if (lookup.Key is not { } key)
        {
            return lookup.Unavailable
                ? ClerkSessionVerification.Refused(SecurityErrorCodes.ClerkUnavailable, "Clerk's signing keys could not be fetched; try again shortly.")
                : ClerkSessionVerification.Refused(SecurityErrorCodes.TokenUnknownKey, "The Clerk session token's 'kid' names no key in Clerk's JWKS.");
        }

        if (!VerifySignature(key, token.AsSpan(0, secondDot), signature))
        {
            return ClerkSessionVerification.Refused(SecurityErrorCodes.TokenBadSignature, "The Clerk session token's signature does not verify.");
        }

        using var payload = ParseSegment(token.AsSpan(firstDot + 1, secondDot - firstDot - 1));
        if (payload is null)
        {
            return Malformed("The Clerk session token's payload is not base64url-encoded JSON.");
        }

        return CheckClaims(payload.RootElement, keyId);
    }

    private ClerkSessionVerification CheckClaims(JsonElement claims, string keyId)
    {
        if (!string.Equals(GetString(claims, "iss"), _options.NormalizedIssuer, StringComparison.Ordinal) || _options.NormalizedIssuer is null)
        {
            return ClerkSessionVerification.Refused(SecurityErrorCodes.TokenBadIssuer, "The Clerk session token's 'iss' is not the configured Clerk issuer.");
        }

        if (!TryGetInstant(claims, "exp", required: true, out var expiresAt)
            || !TryGetInstant(claims, "nbf", required: false, out var notBefore)
            || !TryGetInstant(claims, "iat", required: false, out var issuedAt))
        {
            return MissingClaim("'exp' must be present, and 'exp', 'nbf' and 'iat' must be NumericDate values");
        }

        var now = time.GetUtcNow();
        var skew = _options.ClockSkew;
        if (now >= expiresAt!.Value + skew)
        {
            return ClerkSessionVerification.Refused(SecurityErrorCodes.TokenExpired, "The Clerk session token has expired.");
        }

        if ((notBefore is { } nbf && now + skew < nbf) || (issuedAt is { } iat && now + skew < iat))
        {
            return ClerkSessionVerification.Refused(SecurityErrorCodes.TokenNotYetValid, "The Clerk session token is not valid yet ('nbf' or 'iat' lies in the future).");
        }

        if (GetString(claims, "sub") is not { Length: > 0 } userId)
        {
            return MissingClaim("'sub' (the Clerk user id) must be present");
        }

        if (GetString(claims, "sid") is not { Length: > 0 } sessionId)
        {
            return MissingClaim("'sid' (the Clerk session id) must be present; JWT-template tokens are not session tokens");
        }

        var authorizedParty = GetString(claims, "azp");
        if (_options.AuthorizedParties is { Length: > 0 } parties
            && (authorizedParty is null || !parties.Contains(authorizedParty, StringComparer.Ordinal)))
        {
            return ClerkSessionVerification.Refused(SecurityErrorCodes.ClerkAuthorizedPartyNotAllowed,
                "The Clerk session token's 'azp' (authorized party) is missing or not one of Clerk:AuthorizedParties.");
        }

        if (claims.TryGetProperty("sts", out var status) && !(status.ValueKind == JsonValueKind.String && status.GetString() == "active"))
        {
            return ClerkSessionVerification.Refused(SecurityErrorCodes.ClerkSessionNotAllowed,
                "The Clerk session is not active (it has pending tasks); finish signing in with Clerk first.");
        }

        string? actorId = null;
        if (claims.TryGetProperty("act", out var actor))
        {
            actorId = actor.ValueKind == JsonValueKind.Object ? GetString(actor, "sub") : null;
            if (!_options.AllowImpersonation)
            {
                return ClerkSessionVerification.Refused(SecurityErrorCodes.ClerkSessionNotAllowed,
                    "The Clerk session is an impersonation, which this server does not accept (Clerk:AllowImpersonation).");
            }
        }

        var version = claims.TryGetProperty("v", out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var number) ? number : 1;
        var (organizationId, organizationRole) = ReadOrganization(claims);
        return new ClerkSessionVerification(
            new ClerkSession(userId, sessionId, keyId, authorizedParty, expiresAt.Value, issuedAt, organizationId, organizationRole,
                ReadSecondFactorAge(claims), actorId, version),
            null,
            null);
    }

    /// <summary>Reads the active organisation: v2 nests it under <c>o</c> (<c>rol</c> without prefix), v1 has <c>org_id</c>/<c>org_role</c>.</summary>
    private static (string? Id, string? Role) ReadOrganization(JsonElement claims)
    {
        if (claims.TryGetProperty("o", out var organization) && organization.ValueKind == JsonValueKind.Object)
        {
            var role = GetString(organization, "rol");
            return (GetString(organization, "id"), role is null ? null : ClerkRoleMapper.NormalizeOrganizationRole(role));
        }

        var legacyRole = GetString(claims, "org_role");
        return (GetString(claims, "org_id"), legacyRole is null ? null : ClerkRoleMapper.NormalizeOrganizationRole(legacyRole));
    }

    private static int? ReadSecondFactorAge(JsonElement claims) =>
        claims.TryGetProperty("fva", out var fva) && fva.ValueKind == JsonValueKind.Array && fva.GetArrayLength() == 2
            && fva[1].ValueKind == JsonValueKind.Number && fva[1].TryGetInt32(out var minutes) && minutes >= 0
            ? minutes
            : null;

    private static bool VerifySignature(RSAParameters key, ReadOnlySpan<char> signingInput, byte[] signature)
    {
        using var rsa = RSA.Create();
        rsa.ImportParameters(key);
        if (signature.Length != key.Modulus!.Length)
        {
            return false;
        }

        var input = Encoding.ASCII.GetBytes(signingInput.ToArray());
        return rsa.VerifyData(input, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    private static JsonDocument? ParseSegment(ReadOnlySpan<char> segment)
    {
        try
        {
            var bytes = Base64Url.DecodeFromChars(segment);
            var document = JsonDocument.Parse(bytes, StrictJson);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
            return null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }

    private static bool TryGetInstant(JsonElement claims, string name, bool required, out DateTimeOffset? value)
    {
        value = null;
        if (!claims.TryGetProperty(name, out var element))
        {
            return !required;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var seconds)
            || double.IsNaN(seconds) || seconds < 0 || seconds > 253_402_300_799)
        {
            return false;
        }

        value = DateTimeOffset.FromUnixTimeSeconds((long)Math.Floor(seconds));
        return true;
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static ClerkSessionVerification Malformed(string message) =>
        ClerkSessionVerification.Refused(SecurityErrorCodes.TokenMalformed, message);

    private static ClerkSessionVerification MissingClaim(string rule) =>
        ClerkSessionVerification.Refused(SecurityErrorCodes.TokenMissingClaim, $"The Clerk session token is incomplete: {rule}.");
}
