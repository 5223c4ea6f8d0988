using McpSecurity.SecurityCore.Authorization;

namespace McpSecurity.SecurityCore.Identity;

/// <summary>Account lockout: failed attempts counted per account, a lockout after <see cref="LockoutOptions.MaxFailedAttempts"/>.</summary>
/// <remarks>
/// Password checks count through <see cref="IUserService.AuthenticateAsync(string, string, LoginOrigin, CancellationToken)"/>; second factors count through
/// <see cref="RecordFailureAsync"/>; the token grants call <see cref="ClearFailures"/> once a login has issued tokens.
/// </remarks>
public interface IAccountLockout
{
    /// <summary>Gets when the user's lockout ends; null when the user is not locked out now (or does not exist).</summary>
    DateTimeOffset? GetLockedUntil(string userId);

    /// <summary>Counts one failed attempt (for example a wrong second-factor code); answers whether the account is locked out now.</summary>
    /// <remarks>Reaching the maximum locks the account and records an <c>account_locked</c> security event.</remarks>
    Task<bool> RecordFailureAsync(string userId, string cause, CancellationToken cancellationToken = default);

    /// <summary>Clears the failure counter of a completed login (password and, when asked for, the second factor).</summary>
    /// <remarks>A correct password alone does not clear it: a second factor guessed wrongly must keep counting across logins.</remarks>
    void ClearFailures(string userId);

    /// <summary>Lifts a lockout and clears the counter (an administrator's action); answers whether the account was locked out.</summary>
    /// <remarks>Throws <see cref="SecurityException"/> with <see cref="SecurityErrorCodes.NotFound"/> for an unknown user. Records <c>account_unlocked</c>.</remarks>
    Task<bool> UnlockAsync(string userId, ActingPrincipal actor, CancellationToken cancellationToken = default);
}
