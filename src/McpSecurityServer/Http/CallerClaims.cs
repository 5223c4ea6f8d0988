using System.Globalization;
using System.Security.Claims;
using McpSecurity.SecurityCore.Tokens;

namespace McpSecurity.Server.Http;

/// <summary>Turns a validated access token into a <see cref="ClaimsPrincipal"/> and back into a <see cref="Caller"/>.</summary>
internal static class CallerClaims
{
    public const string Subject = "sub";
    public const string ClientId = "client_id";
    public const string Scope = "scope";
    public const string Role = "role";
    public const string SessionId = "sid";
    public const string TokenId = "jti";
    public const string ExpiresAt = "exp";
    public const string AuthenticationMethod = "amr";
    public const string AuthTime = "auth_time";

    /// <summary>Creates the principal of a validated token.</summary>
    public static ClaimsPrincipal ToPrincipal(ValidatedToken token, string authenticationType)
    {
        ArgumentNullException.ThrowIfNull(token);
        var claims = new List<Claim>
        {
            new(Subject, token.Subject),
            new(ClientId, token.ClientId),
            new(SessionId, token.SessionId),
            new(TokenId, token.TokenId),
            new(ExpiresAt, token.ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64),
            new(AuthTime, token.AuthTime.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64),
        };
        claims.AddRange(token.AuthenticationMethods.Select(m => new Claim(AuthenticationMethod, m)));
        claims.AddRange(token.Scopes.Select(s => new Claim(Scope, s)));
        claims.AddRange(token.Roles.Select(r => new Claim(Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, Subject, Role));
    }

    /// <summary>Reads the caller from a principal this scheme created; null when it is not authenticated by it.</summary>
    public static Caller? ToCaller(ClaimsPrincipal? principal)
    {
        var identity = principal?.Identities.FirstOrDefault(i =>
            i.IsAuthenticated && i.AuthenticationType == BearerTokenDefaults.AuthenticationScheme);
        if (identity?.FindFirst(Subject)?.Value is not { } subject)
        {
            return null;
        }

        return new Caller(
            subject,
            identity.FindFirst(ClientId)?.Value ?? "",
            [.. identity.FindAll(Role).Select(c => c.Value)],
            [.. identity.FindAll(Scope).Select(c => c.Value)],
            identity.FindFirst(SessionId)?.Value)
        {
            AuthenticationMethods = [.. identity.FindAll(AuthenticationMethod).Select(c => c.Value)],
            AuthenticatedAt = UnixTime(identity.FindFirst(AuthTime)?.Value),
            ExpiresAt = UnixTime(identity.FindFirst(ExpiresAt)?.Value),
        };
    }

    private static DateTimeOffset? UnixTime(string? seconds) =>
        long.TryParse(seconds, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? DateTimeOffset.FromUnixTimeSeconds(value) : null;

    /// <summary>Gets whether the principal holds a scope.</summary>
    public static bool HasScope(ClaimsPrincipal principal, string scope)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.FindAll(Scope).Any(c => string.Equals(c.Value, scope, StringComparison.Ordinal));
    }
}
