using System.Security.Cryptography;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Storage;
using Microsoft.Extensions.Logging;

namespace McpSecurity.SecurityCore.Identity;

/// <summary>
/// User accounts: create, authenticate, change password. Unknown users and wrong passwords give the same
/// <see cref="SecurityErrorCodes.InvalidCredentials"/> after the same Argon2id work. Wrong passwords count towards the
/// lockout (<see cref="AccountLockout"/>); while locked out every attempt answers <see cref="SecurityErrorCodes.AccountLocked"/>.
/// The token grants clear the counter once a login has completed.
/// </summary>
internal sealed partial class UserService(
    IUserRepository users,
    IPasswordHasher hasher,
    IPasswordPolicy policy,
    ISecurityEventSink events,
    TimeProvider time,
    ILogger<UserService> logger,
    AccountLockout lockout) : IUserService
{
    private const string InvalidCredentialsMessage = "The username or password is wrong.";

    /// <inheritdoc />
    public async Task<UserAccount> CreateAsync(string username, string password, IReadOnlyList<string> roles, bool mustChangePassword, string? displayName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(roles);

        var normalized = IdentityRules.NormalizeUsername(username);
        if (!IdentityRules.IsValidUsername(normalized))
        {
            throw Invalid("username", $"username must be {IdentityRules.UsernameRule}.");
        }

        var validRoles = IdentityRules.ValidateRoles(roles, "roles");
        if (!IdentityRules.IsValidDisplayName(displayName))
        {
            throw Invalid("display_name", "display_name must be at most 128 characters without control characters.");
        }

        if (policy.Check(password, validRoles, IdentityRules.ContextWords(normalized)) is { } violation)
        {
            throw new SecurityException(SecurityErrorCodes.PasswordPolicyViolation, violation, new Dictionary<string, object?> { ["field"] = "password" });
        }

        var now = time.GetUtcNow();
        var user = new StoredUser
        {
            Id = "usr_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            Username = normalized,
            DisplayName = displayName,
            PasswordHash = hasher.Hash(password),
            Roles = validRoles,
            MustChangePassword = mustChangePassword,
            Status = AccountStatuses.Active,
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (!users.TryInsert(user))
        {
            throw new SecurityException(SecurityErrorCodes.Conflict, $"The username '{normalized}' is taken.", new Dictionary<string, object?> { ["field"] = "username" });
        }

        await events.PublishAsync(new SecurityEvent
        {
            Type = SecurityEventTypes.UserCreated,
            OccurredAt = now,
            SubjectId = user.Id,
            Target = normalized,
            Details = new Dictionary<string, string>
            {
                ["roles"] = string.Join(' ', validRoles),
                ["must_change_password"] = mustChangePassword ? "true" : "false",
            },
        }, cancellationToken).ConfigureAwait(false);
        return Account(user);
    }

    /// <inheritdoc />
    public Task<UserAuthenticationResult> AuthenticateAsync(string username, string password, CancellationToken cancellationToken = default) =>
        AuthenticateAsync(username, password, LoginOrigin.Unknown, cancellationToken);

    /// <inheritdoc />
    public async Task<UserAuthenticationResult> AuthenticateAsync(string username, string password, LoginOrigin origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(origin);

        var (user, verification) = FindAndVerify(username, password);
        // The hash was computed either way, so a locked account answers alike, in the same time, whatever the password.
        if (user is not null && AccountLockout.IsLocked(user, time.GetUtcNow()))
        {
            await PublishLoginFailedAsync(user, username, SecurityErrorCodes.AccountLocked, "locked", origin, cancellationToken).ConfigureAwait(false);
            return new UserAuthenticationResult(null, SecurityErrorCodes.AccountLocked);
        }

        if (user is null || verification == PasswordVerification.Failed)
        {
            await PublishLoginFailedAsync(user, username, SecurityErrorCodes.InvalidCredentials, user is null ? "unknown_user" : "wrong_password", origin, cancellationToken).ConfigureAwait(false);
            var lockedNow = user is not null && await lockout.RecordFailureCoreAsync(user.Id, "wrong_password", origin, cancellationToken).ConfigureAwait(false);
            return new UserAuthenticationResult(null, lockedNow ? SecurityErrorCodes.AccountLocked : SecurityErrorCodes.InvalidCredentials);
        }

        // Only after a correct password: telling "inactive" to someone who does not know the password would confirm the account.
        if (!string.Equals(user.Status, AccountStatuses.Active, StringComparison.Ordinal))
        {
            await PublishLoginFailedAsync(user, username, SecurityErrorCodes.AccountInactive, "status_" + user.Status, origin, cancellationToken).ConfigureAwait(false);
            return new UserAuthenticationResult(null, SecurityErrorCodes.AccountInactive);
        }

        if (verification == PasswordVerification.SucceededRehashNeeded)
        {
            user.PasswordHash = hasher.Hash(password);
            user.UpdatedAt = time.GetUtcNow();
            users.Update(user);
            LogRehashed(logger, user.Id);
        }

        return new UserAuthenticationResult(Account(user), null);
    }

    /// <inheritdoc />
    public async Task<UserAccount> ChangePasswordAsync(string username, string currentPassword, string newPassword, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(currentPassword);
        ArgumentNullException.ThrowIfNull(newPassword);

        var (user, verification) = FindAndVerify(username, currentPassword);
        // The current password is a password check like a login: it honours and feeds the same lockout.
        if (user is not null && AccountLockout.IsLocked(user, time.GetUtcNow()))
        {
            await PublishPasswordChangeFailedAsync(user, SecurityErrorCodes.AccountLocked, "locked", cancellationToken).ConfigureAwait(false);
            throw Locked();
        }

        if (user is null || verification == PasswordVerification.Failed)
        {
            await PublishPasswordChangeFailedAsync(user, SecurityErrorCodes.InvalidCredentials, user is null ? "unknown_user" : "wrong_password", cancellationToken).ConfigureAwait(false);
            if (user is not null && await lockout.RecordFailureCoreAsync(user.Id, "wrong_password", LoginOrigin.Unknown, cancellationToken).ConfigureAwait(false))
            {
                throw Locked();
            }

            throw new SecurityException(SecurityErrorCodes.InvalidCredentials, "The username or the current password is wrong.");
        }

        if (!string.Equals(user.Status, AccountStatuses.Active, StringComparison.Ordinal))
        {
            await PublishPasswordChangeFailedAsync(user, SecurityErrorCodes.AccountInactive, "status_" + user.Status, cancellationToken).ConfigureAwait(false);
            throw new SecurityException(SecurityErrorCodes.AccountInactive, "The account is not active.");
        }

        if (string.Equals(currentPassword, newPassword, StringComparison.Ordinal))
        {
            await PublishPasswordChangeFailedAsync(user, SecurityErrorCodes.PasswordPolicyViolation, "same_password", cancellationToken).ConfigureAwait(false);
            throw new SecurityException(SecurityErrorCodes.PasswordPolicyViolation, "The new password must differ from the current one.", new Dictionary<string, object?> { ["field"] = "new_password" });
        }

        if (policy.Check(newPassword, user.Roles, IdentityRules.ContextWords(user.Username)) is { } violation)
        {
            await PublishPasswordChangeFailedAsync(user, SecurityErrorCodes.PasswordPolicyViolation, "policy", cancellationToken).ConfigureAwait(false);
            throw new SecurityException(SecurityErrorCodes.PasswordPolicyViolation, violation, new Dictionary<string, object?> { ["field"] = "new_password" });
        }

        var now = time.GetUtcNow();
        user.PasswordHash = hasher.Hash(newPassword);
        user.MustChangePassword = false;
        user.UpdatedAt = now;
        users.Update(user);

        await events.PublishAsync(new SecurityEvent
        {
            Type = SecurityEventTypes.PasswordChanged,
            OccurredAt = now,
            SubjectId = user.Id,
            Target = user.Username,
        }, cancellationToken).ConfigureAwait(false);
        return Account(user);
    }

    /// <inheritdoc />
    public UserAccount? FindById(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return users.FindById(id) is { } user ? Account(user) : null;
    }

    /// <inheritdoc />
    public UserAccount? FindByUsername(string username)
    {
        ArgumentNullException.ThrowIfNull(username);
        var normalized = IdentityRules.NormalizeUsername(username);
        return IdentityRules.IsValidUsername(normalized) && users.FindByUsername(normalized) is { DeletedAt: null } user ? Account(user) : null;
    }

    /// <summary>The public facts of an account as stored (without the lockout; see the overload with an instant).</summary>
    internal static UserAccount ToAccount(StoredUser user) => ToAccount(user, null);

    /// <summary>The public facts of an account; at <paramref name="now"/> an active account shows <c>locked</c> while a lockout lasts.</summary>
    internal static UserAccount ToAccount(StoredUser user, DateTimeOffset? now)
    {
        var status = now is { } at && string.Equals(user.Status, AccountStatuses.Active, StringComparison.Ordinal) && AccountLockout.IsLocked(user, at)
            ? AccountStatuses.Locked
            : user.Status;
        return new(user.Id, user.Username, user.DisplayName, [.. user.Roles], status, user.MustChangePassword, user.RequiresSecondFactor);
    }

    private UserAccount Account(StoredUser user) => ToAccount(user, time.GetUtcNow());

    /// <summary>Finds the user and verifies the password; an unknown user costs one dummy verification, the same work.</summary>
    private (StoredUser? User, PasswordVerification Verification) FindAndVerify(string username, string password)
    {
        var normalized = IdentityRules.NormalizeUsername(username);
        var user = IdentityRules.IsValidUsername(normalized) ? users.FindByUsername(normalized) : null;
        if (password.Length > IdentityRules.MaxPasswordInputLength)
        {
            hasher.VerifyDummy(string.Empty);
            return (user, PasswordVerification.Failed);
        }

        if (user is null || user.DeletedAt is not null)
        {
            // A deleted account answers exactly like an unknown one, after the same work, whatever the password.
            hasher.VerifyDummy(password);
            return (null, PasswordVerification.Failed);
        }

        return (user, hasher.Verify(user.PasswordHash, password));
    }

    private async Task PublishLoginFailedAsync(StoredUser? user, string typedUsername, string reasonCode, string cause, LoginOrigin origin, CancellationToken cancellationToken)
    {
        var details = new Dictionary<string, string> { ["cause"] = cause };
        if (user is null)
        {
            // What was typed as a username may be a password typed into the wrong field: keep only a hash reference.
            details["username_ref"] = IdentityRules.HashReference(IdentityRules.NormalizeUsername(typedUsername));
        }

        await events.PublishAsync(new SecurityEvent
        {
            Type = SecurityEventTypes.LoginFailed,
            OccurredAt = time.GetUtcNow(),
            Outcome = SecurityEventOutcomes.Failure,
            SubjectId = user?.Id,
            Address = origin.Address,
            RequestId = origin.RequestId,
            Target = user?.Username,
            ReasonCode = reasonCode,
            Details = details,
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task PublishPasswordChangeFailedAsync(StoredUser? user, string reasonCode, string cause, CancellationToken cancellationToken) =>
        await events.PublishAsync(new SecurityEvent
        {
            Type = SecurityEventTypes.PasswordChanged,
            OccurredAt = time.GetUtcNow(),
            Outcome = SecurityEventOutcomes.Failure,
            SubjectId = user?.Id,
            Target = user?.Username,
            ReasonCode = reasonCode,
            Details = new Dictionary<string, string> { ["cause"] = cause },
        }, cancellationToken).ConfigureAwait(false);

    private static SecurityException Locked() =>
        new(SecurityErrorCodes.AccountLocked, "The account is locked after too many failed attempts; try again later or ask an administrator to unlock it.");

    private static SecurityException Invalid(string field, string message) =>
        new(SecurityErrorCodes.ValidationFailed, message, new Dictionary<string, object?> { ["field"] = field });

    [LoggerMessage(EventId = 1212, Level = LogLevel.Information, Message = "Password hash of user {UserId} upgraded to the current parameters")]
    private static partial void LogRehashed(ILogger logger, string userId);
}
