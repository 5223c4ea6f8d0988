using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Storage;
using McpSecurity.SecurityCore.Tokens;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Identity;

/// <summary>Lists and revokes login sessions over <see cref="ISessionRepository"/> and <see cref="SessionTracker"/>.</summary>
internal sealed class SessionService(ISessionRepository repository, SessionTracker tracker, IOptions<SessionTimeoutOptions> options) : ISessionService
{
    private const string ActiveStatus = "active";
    private const string ExpiredStatus = "expired";
    private const string EndedStatus = "ended";

    private readonly TimeSpan _idle = options.Value.IdleTimeout;

    /// <inheritdoc />
    public IReadOnlyList<SessionInfo> List(string userId, bool includeEnded = false)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var result = new List<SessionInfo>();
        foreach (var session in repository.ListBySubject(userId, includeEnded))
        {
            var info = ToInfo(session);
            if (info.Status == ExpiredStatus && session.EndedAt is null)
            {
                // Timed out without a request noticing it yet: end it now, so that the event and the store agree with the list.
                var reason = info.ExpiresAt <= info.IdleExpiresAt ? SessionEndReasons.AbsoluteTimeout : SessionEndReasons.IdleTimeout;
                tracker.End(session.Id, session.Subject, reason, null, SecurityEventTypes.SessionExpired);
            }

            if (includeEnded || info.Status == ActiveStatus)
            {
                result.Add(info);
            }
        }

        return result;
    }

    /// <inheritdoc />
    public SessionInfo? Find(string sessionId)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        return repository.FindById(sessionId) is { } session ? ToInfo(session) : null;
    }

    /// <inheritdoc />
    public Task<SessionInfo> RevokeAsync(string sessionId, ActingPrincipal actor, string? ownerId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        ArgumentNullException.ThrowIfNull(actor);
        var session = repository.FindById(sessionId);
        if (session is null || (ownerId is not null && !string.Equals(session.Subject, ownerId, StringComparison.Ordinal)))
        {
            // Someone else's session answers like an unknown one: ids of other users' sessions are not confirmed.
            throw new SecurityException(SecurityErrorCodes.NotFound, $"No session with id '{sessionId}'.", new Dictionary<string, object?> { ["field"] = "session_id" });
        }

        tracker.End(session.Id, session.Subject, SessionEndReasons.Revoked, actor.Id, SecurityEventTypes.SessionRevoked, Context(actor));
        return Task.FromResult(ToInfo(repository.FindById(sessionId) ?? session));
    }

    /// <inheritdoc />
    public Task<int> RevokeAllAsync(string userId, ActingPrincipal actor, string reason, string? exceptSessionId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return Task.FromResult(tracker.EndAll(userId, reason, actor.Id, exceptSessionId, Context(actor)));
    }

    private SessionInfo ToInfo(StoredSession session)
    {
        var state = tracker.Peek(session, out var lastActivity);
        var idleEnd = lastActivity + _idle;
        var status = state switch
        {
            SessionState.Active => ActiveStatus,
            SessionState.Ended => EndedStatus,
            _ => ExpiredStatus,
        };
        return new SessionInfo(session.Id, session.Subject, session.ClientId, session.UserAgent, session.Address, [.. session.AuthenticationMethods],
            session.CreatedAt, lastActivity, idleEnd < session.ExpiresAt ? idleEnd : session.ExpiresAt, session.ExpiresAt, status, session.EndedAt, session.EndReason);
    }

    private static TokenRequestContext Context(ActingPrincipal actor) => new(actor.Address, actor.RequestId);
}
