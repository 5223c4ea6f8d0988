using McpSecurity.SecurityCore.Tokens;

namespace McpSecurity.Server.Http;

/// <summary>Who is calling: the subject of a validated access token (over HTTP) or of the stdio session's client.</summary>
/// <param name="Subject">The <c>sub</c>.</param>
/// <param name="ClientId">The <c>client_id</c>.</param>
/// <param name="Roles">The roles the token was issued with (informational: permissions come from the current roles in the store).</param>
/// <param name="Scopes">The scopes.</param>
/// <param name="SessionId">The <c>sid</c>, when known.</param>
internal sealed record Caller(string Subject, string ClientId, IReadOnlyList<string> Roles, IReadOnlyList<string> Scopes, string? SessionId)
{
    /// <summary>Gets the <c>amr</c> values, when known.</summary>
    public IReadOnlyList<string> AuthenticationMethods { get; init; } = [];

    /// <summary>Gets the <c>auth_time</c>, when known.</summary>
    public DateTimeOffset? AuthenticatedAt { get; init; }

    /// <summary>Gets when the token expires, when known.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Creates the caller of a validated token.</summary>
    public static Caller FromToken(ValidatedToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new Caller(token.Subject, token.ClientId, token.Roles, token.Scopes, token.SessionId)
        {
            AuthenticationMethods = token.AuthenticationMethods,
            AuthenticatedAt = token.AuthTime,
            ExpiresAt = token.ExpiresAt,
        };
    }
}
