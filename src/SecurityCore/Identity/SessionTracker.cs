using System.Collections.Concurrent;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Storage;
using McpSecurity.SecurityCore.Tokens;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Identity;

/// <summary>
/// The hot path of the session timeouts: a bounded in-memory cache of session ends and last activity, consulted (and
/// touched) on every validation of a user's access token and every refresh, with the last activity written behind.
/// </summary>
/// <remarks>
/// A cache miss reads the store, so the check is never skipped; the cache only evicts entries whose activity is already
/// written. Tokens of users (subject <c>usr_...</c>) must belong to a known session; agents and services (client
/// credentials) have none and are not checked. An ended or timed-out session refuses every token carrying its <c>sid</c>.
/// </remarks>
internal sealed partial class SessionTracker(
    ISessionRepository repository,
    ITokenRevocationService revocations,
    IOptions<SessionTimeoutOptions> options,
    IOptions<TokenOptions> tokenOptions,
    TokenEventPublisher events,
    TimeProvider time,
    ILogger<SessionTracker> logger)
{
    /// <summary>The prefix of user ids; client ids may not start with it.</summary>
    public const string UserIdPrefix = "usr_";

    private const int MaxUserAgentLength = 256;

    private static readonly TokenValidationResult UnknownSession =
        TokenValidationResult.Failure(SecurityErrorCodes.TokenRevoked, "The token's session no longer exists; log in again.");
    private static readonly TokenValidationResult EndedSession =
        TokenValidationResult.Failure(SecurityErrorCodes.TokenRevoked, "The token's session has ended; log in again.");
    private static readonly TokenValidationResult IdleExpired =
        TokenValidationResult.Failure(SecurityErrorCodes.SessionExpired, "The session was idle for longer than the idle timeout and has ended; log in again.");
    private static readonly TokenValidationResult AbsoluteExpired =
        TokenValidationResult.Failure(SecurityErrorCodes.SessionExpired, "The session reached its absolute timeout and has ended; log in again.");

    private readonly SessionTimeoutOptions _options = options.Value;
    private readonly TimeSpan _lifetime = options.Value.AbsoluteTimeout < tokenOptions.Value.SessionLifetime
        ? options.Value.AbsoluteTimeout
        : tokenOptions.Value.SessionLifetime;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Gets the idle timeout.</summary>
    public TimeSpan IdleTimeout => _options.IdleTimeout;

    /// <summary>Gets how many sessions are cached (tests).</summary>
    internal int CachedCount => _entries.Count;

    /// <summary>Gets whether tokens of <paramref name="subject"/> belong to sessions (users do; clients do not).</summary>
    public static bool HasSessions(string subject) => subject.StartsWith(UserIdPrefix, StringComparison.Ordinal);

    /// <summary>Opens (stores and caches) the session a login starts.</summary>
    public StoredSession Open(string sessionId, string userId, string clientId, IReadOnlyList<string> methods, TokenRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = time.GetUtcNow();
        var agent = context.UserAgent;
        var session = new StoredSession
        {
            Id = sessionId,
            Subject = userId,
            ClientId = clientId,
            UserAgent = agent is { Length: > MaxUserAgentLength } ? agent[..MaxUserAgentLength] : agent,
            Address = context.Address,
            AuthenticationMethods = [.. methods],
            CreatedAt = now,
            LastActivityAt = now,
            ExpiresAt = now + _lifetime,
        };
        repository.Insert(session);
        Add(new Entry(session));
        return session;
    }

    /// <summary>Checks the session of a validated access token and records the activity; null when it may proceed.</summary>
    public TokenValidationResult? Check(ValidatedToken token)
    {
        if (!HasSessions(token.Subject))
        {
            return null;
        }

        return CheckCore(token.SessionId, token.Subject) switch
        {
            SessionState.Active => null,
            SessionState.Unknown => UnknownSession,
            SessionState.Ended => EndedSession,
            SessionState.IdleExpired => IdleExpired,
            _ => AbsoluteExpired,
        };
    }

    /// <summary>Checks a session before a refresh and records the activity; null when the refresh may proceed, else the error code.</summary>
    public string? CheckRefresh(string sessionId, string userId) => CheckCore(sessionId, userId) switch
    {
        SessionState.Active => null,
        SessionState.IdleExpired or SessionState.AbsoluteExpired => SecurityErrorCodes.SessionExpired,
        _ => SecurityErrorCodes.RefreshTokenInvalid,
    };

    /// <summary>Gets whether a session is usable now, without recording activity (introspection of a refresh token).</summary>
    public bool IsActive(string sessionId, string userId)
    {
        var stored = repository.FindById(sessionId);
        return stored is not null && string.Equals(stored.Subject, userId, StringComparison.Ordinal) && Peek(stored, out _) == SessionState.Active;
    }

    /// <summary>Gets the state of a session now without touching it.</summary>
    public SessionState Peek(StoredSession session, out DateTimeOffset lastActivity)
    {
        ArgumentNullException.ThrowIfNull(session);
        lastActivity = session.LastActivityAt;
        if (_entries.TryGetValue(session.Id, out var entry) && entry.LastSeen > lastActivity)
        {
            lastActivity = entry.LastSeen;
        }

        if (session.EndedAt is not null || entry?.IsEnded == true)
        {
            return SessionState.Ended;
        }

        var now = time.GetUtcNow();
        return now >= session.ExpiresAt ? SessionState.AbsoluteExpired
            : now - lastActivity >= _options.IdleTimeout ? SessionState.IdleExpired
            : SessionState.Active;
    }

    /// <summary>
    /// Ends a session once: marks it ended (memory and store), revokes its refresh tokens and access tokens, and reports
    /// <paramref name="eventType"/>. Answers whether this call ended it.
    /// </summary>
    public bool End(string sessionId, string userId, string reason, string? actor, string eventType, TokenRequestContext? context = null)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(sessionId, out var entry))
        {
            entry.MarkEnded();
        }

        if (!repository.MarkEnded(sessionId, now, reason))
        {
            return false;
        }

        revocations.RevokeSession(sessionId, actor ?? "system:" + reason);
        LogEnded(logger, sessionId, userId, reason);
        events.Publish(new SecurityEvent
        {
            Type = eventType,
            OccurredAt = now,
            Outcome = eventType == SecurityEventTypes.SessionExpired ? SecurityEventOutcomes.Info : SecurityEventOutcomes.Success,
            SubjectId = userId,
            Address = context?.Address,
            RequestId = context?.RequestId,
            Target = sessionId,
            ReasonCode = eventType == SecurityEventTypes.SessionExpired ? SecurityErrorCodes.SessionExpired : null,
            Details = new Dictionary<string, string>
            {
                ["reason"] = reason,
                ["actor"] = actor ?? "system",
            },
        });
        return true;
    }

    /// <summary>Ends every active session of a user except <paramref name="exceptSessionId"/>; answers how many this call ended.</summary>
    public int EndAll(string userId, string reason, string? actor, string? exceptSessionId, TokenRequestContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var eventType = reason == SessionEndReasons.Revoked ? SecurityEventTypes.SessionRevoked : SecurityEventTypes.SessionEnded;
        var ended = 0;
        foreach (var session in repository.ListBySubject(userId, includeEnded: false))
        {
            if (!string.Equals(session.Id, exceptSessionId, StringComparison.Ordinal) && End(session.Id, session.Subject, reason, actor, eventType, context))
            {
                ended++;
            }
        }

        return ended;
    }

    /// <summary>Writes the activity seen since the last flush to the store and drops ended sessions from memory; returns how many were written.</summary>
    public int Flush()
    {
        var written = 0;
        foreach (var pair in _entries)
        {
            var entry = pair.Value;
            if (entry.IsEnded)
            {
                _entries.TryRemove(pair);
                continue;
            }

            var seen = entry.LastSeen;
            if (seen > entry.Persisted)
            {
                repository.UpdateLastActivity(pair.Key, seen);
                entry.Persisted = seen;
                written++;
            }
        }

        return written;
    }

    private SessionState CheckCore(string sessionId, string userId)
    {
        if (!_entries.TryGetValue(sessionId, out var entry))
        {
            var stored = repository.FindById(sessionId);
            if (stored is null)
            {
                return SessionState.Unknown;
            }

            entry = Add(new Entry(stored));
        }

        if (!string.Equals(entry.Subject, userId, StringComparison.Ordinal))
        {
            return SessionState.Unknown;
        }

        if (entry.IsEnded)
        {
            return SessionState.Ended;
        }

        var now = time.GetUtcNow();
        if (now >= entry.ExpiresAt)
        {
            End(sessionId, userId, SessionEndReasons.AbsoluteTimeout, null, SecurityEventTypes.SessionExpired);
            return SessionState.AbsoluteExpired;
        }

        if (now - entry.LastSeen >= _options.IdleTimeout)
        {
            End(sessionId, userId, SessionEndReasons.IdleTimeout, null, SecurityEventTypes.SessionExpired);
            return SessionState.IdleExpired;
        }

        entry.Touch(now);
        return SessionState.Active;
    }

    private Entry Add(Entry entry)
    {
        if (_entries.Count >= _options.CacheSize)
        {
            Trim();
        }

        return _entries.GetOrAdd(entry.Id, entry);
    }

    /// <summary>Writes pending activity, then drops entries (all written now) until a quarter of the room is free.</summary>
    private void Trim()
    {
        Flush();
        var target = _options.CacheSize * 3 / 4;
        foreach (var pair in _entries)
        {
            if (_entries.Count <= target)
            {
                break;
            }

            if (pair.Value.LastSeen <= pair.Value.Persisted)
            {
                _entries.TryRemove(pair);
            }
        }

        LogTrimmed(logger, _entries.Count);
    }

    [LoggerMessage(EventId = 1240, Level = LogLevel.Information, Message = "Session {SessionId} of {UserId} ended: {Reason}")]
    private static partial void LogEnded(ILogger logger, string sessionId, string userId, string reason);

    [LoggerMessage(EventId = 1241, Level = LogLevel.Debug, Message = "Session cache trimmed to {Count} entries")]
    private static partial void LogTrimmed(ILogger logger, int count);

    /// <summary>A cached session: its owner, end, and the last activity seen and written.</summary>
    private sealed class Entry(StoredSession session)
    {
        private long _lastSeenTicks = session.LastActivityAt.UtcTicks;
        private int _ended = session.EndedAt is null ? 0 : 1;

        public string Id { get; } = session.Id;

        public string Subject { get; } = session.Subject;

        public DateTimeOffset ExpiresAt { get; } = session.ExpiresAt;

        private long _persistedTicks = session.LastActivityAt.UtcTicks;

        public DateTimeOffset Persisted
        {
            get => new(Interlocked.Read(ref _persistedTicks), TimeSpan.Zero);
            set => Interlocked.Exchange(ref _persistedTicks, value.UtcTicks);
        }

        public DateTimeOffset LastSeen => new(Interlocked.Read(ref _lastSeenTicks), TimeSpan.Zero);

        public bool IsEnded => Volatile.Read(ref _ended) == 1;

        public void MarkEnded() => Volatile.Write(ref _ended, 1);

        /// <summary>Moves the last activity forward (never back) without a lock.</summary>
        public void Touch(DateTimeOffset now)
        {
            var ticks = now.UtcTicks;
            var current = Interlocked.Read(ref _lastSeenTicks);
            while (ticks > current)
            {
                var previous = Interlocked.CompareExchange(ref _lastSeenTicks, ticks, current);
                if (previous == current)
                {
                    return;
                }

                current = previous;
            }
        }
    }
}
