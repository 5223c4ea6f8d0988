using System.Globalization;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Identity;

/// <summary>
/// Counts failed attempts in <see cref="StoredUser.FailedLoginCount"/> and locks until <see cref="StoredUser.LockedUntil"/>,
/// on <see cref="TimeProvider"/>. The lockout is computed, not a stored status: it simply ends when its time has passed.
/// </summary>
/// <remarks>
/// The counter is read and written under one lock (field updates only), so concurrent failures are all counted. Reaching
/// the maximum resets the counter: after the lockout the account gets the full number of attempts again. The counter is
/// cleared by a completed login (<see cref="ClearFailures"/>), not by a correct password alone, so wrong second-factor
/// codes keep counting across fresh password logins.
/// </remarks>
internal sealed partial class AccountLockout(
    IUserRepository users,
    IOptions<LockoutOptions> options,
    ISecurityEventSink events,
    TimeProvider time,
    ILogger<AccountLockout> logger) : IAccountLockout
{
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public DateTimeOffset? GetLockedUntil(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var user = users.FindById(userId);
        return user is not null && IsLocked(user, time.GetUtcNow()) ? user.LockedUntil : null;
    }

    /// <inheritdoc />
    public Task<bool> RecordFailureAsync(string userId, string cause, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(cause);
        return RecordFailureCoreAsync(userId, cause, LoginOrigin.Unknown, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> UnlockAsync(string userId, ActingPrincipal actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(actor);
        bool wasLocked;
        StoredUser user;
        lock (_gate)
        {
            user = users.FindById(userId) ?? throw new SecurityException(SecurityErrorCodes.NotFound, $"No user with id '{userId}'.",
                new Dictionary<string, object?> { ["field"] = "user_id" });
            wasLocked = IsLocked(user, time.GetUtcNow());
            users.UpdateLockout(user.Id, 0, null);
        }

        LogUnlocked(logger, user.Id, actor.Id, wasLocked);
        await events.PublishAsync(new SecurityEvent
        {
            Type = SecurityEventTypes.AccountUnlocked,
            OccurredAt = time.GetUtcNow(),
            SubjectId = actor.Id,
            Address = actor.Address,
            RequestId = actor.RequestId,
            Target = user.Id,
            Details = new Dictionary<string, string>
            {
                ["username"] = user.Username,
                ["was_locked"] = wasLocked ? "true" : "false",
            },
        }, cancellationToken).ConfigureAwait(false);
        return wasLocked;
    }

    /// <inheritdoc />
    public void ClearFailures(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        lock (_gate)
        {
            // Only writes when there is something to clear; a lockout in force is not lifted by this.
            if (users.FindById(userId) is { } user && (user.FailedLoginCount != 0 || (user.LockedUntil is not null && !IsLocked(user, time.GetUtcNow()))))
            {
                users.UpdateLockout(user.Id, 0, IsLocked(user, time.GetUtcNow()) ? user.LockedUntil : null);
            }
        }
    }

    /// <summary>
    /// Locks an account until <c>now + duration</c> as an automated response to a detected attack (an existing longer
    /// lockout stays); answers when the lock ends, or null for an unknown user. Records <c>account_locked</c>.
    /// </summary>
    public async Task<DateTimeOffset?> LockForAsync(string userId, TimeSpan duration, string cause, string? incidentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(cause);
        StoredUser? user;
        DateTimeOffset lockedUntil;
        lock (_gate)
        {
            user = users.FindById(userId);
            if (user is null)
            {
                return null;
            }

            var now = time.GetUtcNow();
            lockedUntil = now + duration;
            if (IsLocked(user, now) && user.LockedUntil >= lockedUntil)
            {
                return user.LockedUntil;
            }

            users.UpdateLockout(user.Id, 0, lockedUntil);
        }

        LogLockedByResponse(logger, user.Id, cause, lockedUntil);
        await PublishLockedAsync(user, lockedUntil, cause, null, new() { ["incident_id"] = incidentId ?? string.Empty }, cancellationToken).ConfigureAwait(false);
        return lockedUntil;
    }

    /// <summary>Returns whether <paramref name="user"/> is locked out at <paramref name="now"/>.</summary>
    public static bool IsLocked(StoredUser user, DateTimeOffset now) => user.LockedUntil is { } until && until > now;

    /// <summary>Counts a failed attempt; answers whether the account is locked out now.</summary>
    public async Task<bool> RecordFailureCoreAsync(string userId, string cause, LoginOrigin origin, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        StoredUser? user;
        DateTimeOffset lockedUntil;
        lock (_gate)
        {
            user = users.FindById(userId);
            if (user is null)
            {
                return false;
            }

            var now = time.GetUtcNow();
            if (IsLocked(user, now))
            {
                // Attempts during a lockout neither count nor extend it: that would let anyone keep an account locked for ever.
                return true;
            }

            var count = user.FailedLoginCount + 1;
            if (count < settings.MaxFailedAttempts)
            {
                users.UpdateLockout(user.Id, count, null);
                return false;
            }

            lockedUntil = now + settings.Duration;
            users.UpdateLockout(user.Id, 0, lockedUntil);
        }

        LogLocked(logger, user.Id, settings.MaxFailedAttempts, lockedUntil);
        await PublishLockedAsync(user, lockedUntil, cause, origin,
            new() { ["failed_attempts"] = settings.MaxFailedAttempts.ToString(CultureInfo.InvariantCulture) }, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Records <c>account_locked</c> with the lock's end and cause besides <paramref name="details"/>.</summary>
    private Task PublishLockedAsync(StoredUser user, DateTimeOffset lockedUntil, string cause, LoginOrigin? origin, Dictionary<string, string> details, CancellationToken cancellationToken)
    {
        details["locked_until"] = lockedUntil.ToString("O", CultureInfo.InvariantCulture);
        details["cause"] = cause;
        return events.PublishAsync(new SecurityEvent
        {
            Type = SecurityEventTypes.AccountLocked,
            OccurredAt = time.GetUtcNow(),
            Outcome = SecurityEventOutcomes.Info,
            SubjectId = user.Id,
            Address = origin?.Address,
            RequestId = origin?.RequestId,
            Target = user.Username,
            ReasonCode = SecurityErrorCodes.AccountLocked,
            Details = details,
        }, cancellationToken).AsTask();
    }

    [LoggerMessage(EventId = 1230, Level = LogLevel.Warning, Message = "User {UserId} locked out after {Attempts} failed attempts until {LockedUntil}")]
    private static partial void LogLocked(ILogger logger, string userId, int attempts, DateTimeOffset lockedUntil);

    [LoggerMessage(EventId = 1232, Level = LogLevel.Warning, Message = "User {UserId} locked as the response to {Cause} until {LockedUntil}")]
    private static partial void LogLockedByResponse(ILogger logger, string userId, string cause, DateTimeOffset lockedUntil);

    [LoggerMessage(EventId = 1231, Level = LogLevel.Information, Message = "User {UserId} unlocked by {Actor} (was locked: {WasLocked})")]
    private static partial void LogUnlocked(ILogger logger, string userId, string actor, bool wasLocked);
}
