namespace McpSecurity.SecurityCore.Identity;

/// <summary>Public facts about a login session (no token, no secret).</summary>
/// <param name="Id">The session id (the tokens' <c>sid</c>).</param>
/// <param name="UserId">The user the session belongs to.</param>
/// <param name="ClientId">The client its tokens are issued to.</param>
/// <param name="UserAgent">The user agent of the login, when known.</param>
/// <param name="Address">The remote address of the login, when known.</param>
/// <param name="AuthenticationMethods">How the login authenticated (<c>amr</c>).</param>
/// <param name="CreatedAt">When the session was opened.</param>
/// <param name="LastActivityAt">The last authenticated request or refresh seen.</param>
/// <param name="IdleExpiresAt">When the session ends without further activity.</param>
/// <param name="ExpiresAt">The absolute end of the session.</param>
/// <param name="Status"><c>active</c>, <c>expired</c> (timed out) or <c>ended</c> (revoked or ended by an account change).</param>
/// <param name="EndedAt">When it ended, if it did.</param>
/// <param name="EndReason">Why it ended, for example <c>revoked</c>, <c>idle_timeout</c>, <c>password_changed</c>.</param>
public sealed record SessionInfo(
    string Id,
    string UserId,
    string? ClientId,
    string? UserAgent,
    string? Address,
    IReadOnlyList<string> AuthenticationMethods,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastActivityAt,
    DateTimeOffset IdleExpiresAt,
    DateTimeOffset ExpiresAt,
    string Status,
    DateTimeOffset? EndedAt,
    string? EndReason);
