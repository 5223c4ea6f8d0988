using McpSecurity.SecurityCore.Authorization;

namespace McpSecurity.SecurityCore.Identity;

/// <summary>Login sessions: list and revoke them (both faces call this one service).</summary>
/// <remarks>The timeouts themselves are enforced by the token service on refresh and by the validator on every request.</remarks>
public interface ISessionService
{
    /// <summary>Lists a user's sessions, newest first; without <paramref name="includeEnded"/> only those still active.</summary>
    IReadOnlyList<SessionInfo> List(string userId, bool includeEnded = false);

    /// <summary>Finds a session by id; null when unknown.</summary>
    SessionInfo? Find(string sessionId);

    /// <summary>Revokes one session: its refresh tokens and every access token carrying its <c>sid</c> stop working at once.</summary>
    /// <param name="sessionId">The session id.</param>
    /// <param name="actor">Who revokes it (for the security event).</param>
    /// <param name="ownerId">When given, the session must belong to this user; otherwise it is reported as not found.</param>
    /// <param name="cancellationToken">Cancels the wait for the event sink.</param>
    /// <exception cref="SecurityException"><see cref="SecurityErrorCodes.NotFound"/> for an unknown session or one of another user.</exception>
    Task<SessionInfo> RevokeAsync(string sessionId, ActingPrincipal actor, string? ownerId = null, CancellationToken cancellationToken = default);

    /// <summary>Ends every active session of a user, except <paramref name="exceptSessionId"/>; answers how many were ended.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="actor">Who ends them.</param>
    /// <param name="reason">Why, for example <c>revoked</c>, <c>password_changed</c>, <c>account_disabled</c>.</param>
    /// <param name="exceptSessionId">A session to keep (the caller's own, after changing its password).</param>
    /// <param name="cancellationToken">Cancels the wait for the event sink.</param>
    Task<int> RevokeAllAsync(string userId, ActingPrincipal actor, string reason, string? exceptSessionId = null, CancellationToken cancellationToken = default);
}
