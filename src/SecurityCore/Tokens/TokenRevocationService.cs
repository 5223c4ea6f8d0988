using System.Collections.Concurrent;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Tokens;

/// <summary>
/// The denylist: in-memory sets for <c>jti</c>, <c>sid</c> and <c>kid</c> plus a per-subject "not before", each
/// persisted through <see cref="IRevocationRepository"/> and loaded again at start, so revocations survive a restart.
/// </summary>
/// <remarks>
/// A subject revocation refuses tokens whose <c>iat</c> (whole seconds) is at or before the revocation instant, so a
/// token issued later within the same second is refused too: the safe side of second-resolution timestamps.
/// Each entry is kept until every token it could refuse has expired (plus the clock skew), then swept.
/// </remarks>
internal sealed partial class TokenRevocationService : ITokenRevocationService
{
    private readonly IRevocationRepository _repository;
    private readonly IRefreshTokenRepository _refreshTokens;
    private readonly SigningKeyService _keys;
    private readonly TokenEventPublisher _events;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<TokenRevocationService> _logger;
    private readonly TimeSpan _skew;
    private readonly TimeSpan _accessTokenSpan;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokenIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _keyIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SubjectRevocation> _subjects = new(StringComparer.Ordinal);

    public TokenRevocationService(
        IRevocationRepository repository,
        IRefreshTokenRepository refreshTokens,
        SigningKeyService keys,
        IOptions<TokenOptions> options,
        TokenEventPublisher events,
        TimeProvider timeProvider,
        ILogger<TokenRevocationService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _repository = repository;
        _refreshTokens = refreshTokens;
        _keys = keys;
        _events = events;
        _timeProvider = timeProvider;
        _logger = logger;
        _skew = options.Value.ClockSkew;
        _accessTokenSpan = options.Value.AccessTokenLifetime + options.Value.ClockSkew;
        Load();
    }

    /// <inheritdoc />
    public void RevokeAccessToken(string tokenId, DateTimeOffset expiresAt, string? actor = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        var now = _timeProvider.GetUtcNow();
        var keepUntil = expiresAt + _skew;
        _tokenIds[tokenId] = keepUntil;
        Persist(RevocationKind.AccessToken, tokenId, now, keepUntil);
        Report(RevocationKind.AccessToken, tokenId, actor, now, null);
    }

    /// <inheritdoc />
    public void RevokeSession(string sessionId, string? actor = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        var now = _timeProvider.GetUtcNow();
        var keepUntil = now + _accessTokenSpan;
        _sessions[sessionId] = keepUntil;
        Persist(RevocationKind.Session, sessionId, now, keepUntil);
        var refreshTokens = _refreshTokens.RevokeFamily(sessionId, now);
        Report(RevocationKind.Session, sessionId, actor, now, refreshTokens);
    }

    /// <inheritdoc />
    public void RevokeSubject(string subject, string? actor = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        var now = _timeProvider.GetUtcNow();
        var entry = new SubjectRevocation(now, now + _accessTokenSpan);
        _subjects.AddOrUpdate(subject, entry, (_, old) => old.NotBefore > now ? old : entry);
        Persist(RevocationKind.Subject, subject, now, entry.ExpiresAt);
        var refreshTokens = _refreshTokens.RevokeSubject(subject, now);
        Report(RevocationKind.Subject, subject, actor, now, refreshTokens);
    }

    /// <inheritdoc />
    public void RevokeSigningKey(string keyId, string? actor = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        var now = _timeProvider.GetUtcNow();
        if (!_keys.MarkRevoked(keyId, out var verifyUntil))
        {
            throw new SecurityException(SecurityErrorCodes.NotFound, $"No signing key has the id '{keyId}'.");
        }

        var keepUntil = verifyUntil ?? now + _accessTokenSpan;
        _keyIds[keyId] = keepUntil;
        Persist(RevocationKind.SigningKey, keyId, now, keepUntil);
        Report(RevocationKind.SigningKey, keyId, actor, now, null);
    }

    /// <inheritdoc />
    public bool IsRevoked(ValidatedToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return _tokenIds.ContainsKey(token.TokenId)
            || _sessions.ContainsKey(token.SessionId)
            || _keyIds.ContainsKey(token.KeyId)
            || (_subjects.TryGetValue(token.Subject, out var subject) && token.IssuedAt <= subject.NotBefore);
    }

    /// <inheritdoc />
    public int SweepExpired()
    {
        var now = _timeProvider.GetUtcNow();
        var removed = Sweep(_tokenIds, now) + Sweep(_sessions, now) + Sweep(_keyIds, now);
        foreach (var pair in _subjects)
        {
            if (pair.Value.ExpiresAt < now && _subjects.TryRemove(pair))
            {
                removed++;
            }
        }

        _repository.DeleteExpired(now);
        if (removed > 0)
        {
            LogSwept(_logger, removed);
        }

        return removed;
    }

    /// <summary>Gets how many entries are held in memory (tests and metrics).</summary>
    internal int Count => _tokenIds.Count + _sessions.Count + _keyIds.Count + _subjects.Count;

    private static int Sweep(ConcurrentDictionary<string, DateTimeOffset> set, DateTimeOffset now)
    {
        var removed = 0;
        foreach (var pair in set)
        {
            // TryRemove(pair) only removes the entry if it was not renewed meanwhile.
            if (pair.Value < now && set.TryRemove(pair))
            {
                removed++;
            }
        }

        return removed;
    }

    private void Load()
    {
        var now = _timeProvider.GetUtcNow();
        var loaded = 0;
        foreach (var entry in _repository.GetAll())
        {
            if (entry.ExpiresAt < now)
            {
                continue;
            }

            loaded++;
            switch (entry.Kind)
            {
                case RevocationKind.AccessToken:
                    _tokenIds[entry.Value] = entry.ExpiresAt;
                    break;
                case RevocationKind.Session:
                    _sessions[entry.Value] = entry.ExpiresAt;
                    break;
                case RevocationKind.SigningKey:
                    _keyIds[entry.Value] = entry.ExpiresAt;
                    break;
                case RevocationKind.Subject:
                    _subjects[entry.Value] = new SubjectRevocation(entry.RevokedAt, entry.ExpiresAt);
                    break;
            }
        }

        LogLoaded(_logger, loaded);
    }

    private void Persist(RevocationKind kind, string value, DateTimeOffset revokedAt, DateTimeOffset expiresAt) =>
        _repository.Upsert(new RevocationEntry { Kind = kind, Value = value, RevokedAt = revokedAt, ExpiresAt = expiresAt });

    private void Report(RevocationKind kind, string value, string? actor, DateTimeOffset now, int? refreshTokens)
    {
        var kindName = kind switch
        {
            RevocationKind.AccessToken => "access_token",
            RevocationKind.Session => "session",
            RevocationKind.Subject => "subject",
            _ => "signing_key",
        };
        LogRevoked(_logger, kindName, value, actor);
        var details = new Dictionary<string, string> { ["kind"] = kindName };
        if (refreshTokens is { } count)
        {
            details["refresh_tokens_revoked"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        _events.Publish(new SecurityEvent
        {
            Type = SecurityEventTypes.TokenRevoked,
            OccurredAt = now,
            Outcome = SecurityEventOutcomes.Success,
            SubjectId = actor,
            Target = value,
            Details = details,
        });
    }

    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Revoked {Kind} {Target} (actor {Actor})")]
    private static partial void LogRevoked(ILogger logger, string kind, string target, string? actor);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Debug, Message = "Swept {Count} expired revocation entries")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Debug, Message = "Loaded {Count} revocation entries")]
    private static partial void LogLoaded(ILogger logger, int count);
}
