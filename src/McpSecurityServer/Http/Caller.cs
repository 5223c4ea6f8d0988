using McpSecurity.SecurityCore.Tokens;

namespace McpSecurity.Server.Http;

/// <summary>Who is calling: the subject of a validated access token (over HTTP) or of the stdio session's client.</summary>
/// <param name="Subject">The <c>sub</c>.</param>
/// <param name="ClientId">The <c>client_id</c>.</param>
/// <param name="Roles">The roles.</param>
/// <param name="Scopes">The scopes.</param>
/// <param name="SessionId">The <c>sid</c>, when known.</param>
internal sealed record Caller(string Subject, string ClientId, IReadOnlyList<string> Roles, IReadOnlyList<string> Scopes, string? SessionId)
{
    /// <summary>Gets whether the caller holds the admin role.</summary>
    public bool IsAdmin => Roles.Contains(McpSecurity.SecurityCore.Identity.Roles.Admin, StringComparer.Ordinal);

    /// <summary>Creates the caller of a validated token.</summary>
    public static Caller FromToken(ValidatedToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new Caller(token.Subject, token.ClientId, token.Roles, token.Scopes, token.SessionId);
    }
}
