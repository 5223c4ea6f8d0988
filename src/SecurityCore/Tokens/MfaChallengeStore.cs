using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Tokens;

/// <summary>Short-lived second-factor challenges, in memory; the two-factor issue completes them via <see cref="TryTake"/>.</summary>
internal sealed class MfaChallengeStore(IOptions<TokenOptions> options, TimeProvider timeProvider)
{
    /// <summary>The second factors offered until the two-factor issue knows each account's enrolled ones.</summary>
    internal static readonly IReadOnlyList<string> DefaultMethods = ["otp"];

    private const int SweepThreshold = 10_000;
    private readonly ConcurrentDictionary<string, PendingMfaLogin> _pending = new(StringComparer.Ordinal);

    /// <summary>Creates a challenge for a user who passed the password step.</summary>
    public MfaChallenge Create(string userId, IReadOnlyList<string> scopes, IReadOnlyList<string> authenticationMethods)
    {
        if (_pending.Count >= SweepThreshold)
        {
            SweepExpired();
        }

        var expiresAt = timeProvider.GetUtcNow() + options.Value.MfaChallengeLifetime;
        var id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        _pending[id] = new PendingMfaLogin(id, userId, scopes, authenticationMethods, expiresAt);
        return new MfaChallenge(id, expiresAt, DefaultMethods);
    }

    /// <summary>Creates a challenge offering <paramref name="methods"/>; an enrolment challenge permits only enrolment.</summary>
    public MfaChallenge Create(string userId, IReadOnlyList<string> scopes, IReadOnlyList<string> authenticationMethods, IReadOnlyList<string> methods, bool enrollmentOnly)
    {
        if (_pending.Count >= SweepThreshold)
        {
            SweepExpired();
        }

        var expiresAt = timeProvider.GetUtcNow() + options.Value.MfaChallengeLifetime;
        var id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        _pending[id] = new PendingMfaLogin(id, userId, scopes, authenticationMethods, expiresAt) { Methods = methods, EnrollmentOnly = enrollmentOnly };
        return new MfaChallenge(id, expiresAt, methods);
    }

    /// <summary>Looks a challenge up without using it; null when unknown or expired (an expired one is removed).</summary>
    public PendingMfaLogin? Find(string challengeId)
    {
        if (string.IsNullOrEmpty(challengeId) || !_pending.TryGetValue(challengeId, out var pending))
        {
            return null;
        }

        if (timeProvider.GetUtcNow() < pending.ExpiresAt)
        {
            return pending;
        }

        _pending.TryRemove(new KeyValuePair<string, PendingMfaLogin>(challengeId, pending));
        return null;
    }

    /// <summary>Counts a wrong code against a challenge; returns true when that made it void (removed).</summary>
    public bool RecordFailure(string challengeId, int maxAttempts)
    {
        while (_pending.TryGetValue(challengeId, out var pending))
        {
            var next = pending with { Failures = pending.Failures + 1 };
            if (next.Failures >= maxAttempts)
            {
                if (_pending.TryRemove(new KeyValuePair<string, PendingMfaLogin>(challengeId, pending)))
                {
                    return true;
                }
            }
            else if (_pending.TryUpdate(challengeId, next, pending))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Takes a challenge (single use); null when unknown or expired.</summary>
    public PendingMfaLogin? TryTake(string challengeId)
    {
        if (string.IsNullOrEmpty(challengeId) || !_pending.TryRemove(challengeId, out var pending))
        {
            return null;
        }

        return timeProvider.GetUtcNow() < pending.ExpiresAt ? pending : null;
    }

    /// <summary>Removes lapsed challenges; returns how many.</summary>
    public int SweepExpired()
    {
        var now = timeProvider.GetUtcNow();
        var removed = 0;
        foreach (var pair in _pending)
        {
            if (pair.Value.ExpiresAt <= now && _pending.TryRemove(pair))
            {
                removed++;
            }
        }

        return removed;
    }
}
