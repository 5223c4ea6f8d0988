using System.Security.Cryptography;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.SecurityCore.Storage;
using McpSecurity.SecurityCore.Tokens;
using Microsoft.Extensions.Logging;

namespace McpSecurity.SecurityCore.Clerk;

/// <summary>
/// Creates and updates local users from Clerk profiles, linked by Clerk user id only (never by username or e-mail, which
/// would let a Clerk sign-up take over a local account). Users created here get an unusable random password hash: they
/// sign in through Clerk alone.
/// </summary>
/// <remarks>
/// Roles: the role mapping's result replaces exactly the roles it granted last time, so roles assigned locally are kept.
/// Status: a Clerk ban suspends (and a lifted ban reactivates only what the ban suspended); deletion disables for good;
/// either ends the user's sessions through <see cref="ITokenRevocationService"/> when the token service is present.
/// Writes are serialised so that two first exchanges of one Clerk user cannot create two local users.
/// </remarks>
internal sealed partial class ClerkUserSync(
    IUserRepository users,
    IPasswordHasher hasher,
    ClerkRoleMapper roles,
    ISecurityEventSink events,
    TimeProvider time,
    ILogger<ClerkUserSync> logger,
    ITokenRevocationService? revocation = null,
    Authorization.IPermissionChecker? permissions = null,
    SessionTracker? sessions = null) : IDisposable
{
    /// <summary>The <see cref="StoredExternalLink.Provider"/> value of Clerk links.</summary>
    public const string Provider = "clerk";

    private const int MaxDisplayNameLength = 128;
    private const int MaxEmailLength = 254;
    private const string Actor = "clerk";

    private readonly SemaphoreSlim _writeLock = new(1, 1);

    /// <summary>Creates or updates the local user of <paramref name="profile"/>.</summary>
    /// <param name="profile">The Clerk profile.</param>
    /// <param name="organizationKnown">True when the caller knows the session's organisation role (an exchange), false for webhooks.</param>
    /// <param name="organizationRole">The organisation role (without <c>org:</c>) when known; null for none.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<ClerkSyncResult> ApplyProfileAsync(ClerkUserProfile profile, bool organizationKnown, string? organizationRole, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var existing = users.FindByExternalId(Provider, profile.Id);
            return existing is null
                ? await CreateAsync(profile, organizationKnown ? organizationRole : null, cancellationToken).ConfigureAwait(false)
                : await UpdateAsync(existing, profile, organizationKnown, organizationRole, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Disables the local user linked to <paramref name="clerkUserId"/> (the Clerk user was deleted) and ends their sessions.</summary>
    public async Task<ClerkSyncResult> DisableAsync(string clerkUserId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clerkUserId);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (users.FindByExternalId(Provider, clerkUserId) is not { } user)
            {
                return new ClerkSyncResult(null, Created: false, Changed: false, SessionsMustEnd: false, SessionsRevoked: false);
            }

            var changed = !string.Equals(user.Status, AccountStatuses.Disabled, StringComparison.Ordinal);
            if (changed)
            {
                user.Status = AccountStatuses.Disabled;
                user.External!.SuspendedByProvider = false;
                user.UpdatedAt = time.GetUtcNow();
                users.Update(user);
                permissions?.Invalidate(user.Id);
            }

            // Revoke even when already disabled: ending sessions twice is harmless, missing them is not.
            var revoked = RevokeSessions(user);
            if (changed)
            {
                await PublishStatusChangedAsync(user, "clerk_user_deleted", revoked, cancellationToken).ConfigureAwait(false);
            }

            return new ClerkSyncResult(user, Created: false, changed, SessionsMustEnd: true, revoked);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Releases the write lock.</summary>
    public void Dispose() => _writeLock.Dispose();

    private async Task<ClerkSyncResult> CreateAsync(ClerkUserProfile profile, string? organizationRole, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var granted = roles.Map(profile.MetadataRoles, organizationRole);
        var user = new StoredUser
        {
            Id = "usr_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            Username = ChooseUsername(profile),
            DisplayName = CleanDisplayName(profile.FullName ?? profile.Username),
            Email = CleanEmail(profile),
            // A hash of 32 random bytes nobody keeps: password login always fails, after the same Argon2id work as any other.
            PasswordHash = hasher.Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))),
            Roles = granted,
            Status = profile.Banned ? AccountStatuses.Suspended : AccountStatuses.Active,
            CreatedAt = now,
            UpdatedAt = now,
            External = new StoredExternalLink
            {
                Provider = Provider,
                Subject = profile.Id,
                LinkedAt = now,
                GrantedRoles = granted,
                OrganizationRole = organizationRole,
                ProfileUpdatedAt = profile.UpdatedAt,
                SuspendedByProvider = profile.Banned,
            },
        };

        // Another account may take the chosen username between the check and the insert; fall back to a fresh generated one.
        for (var attempt = 0; !users.TryInsert(user); attempt++)
        {
            if (attempt >= 3)
            {
                throw new SecurityException(SecurityErrorCodes.Conflict, "No free username could be found for the Clerk user.");
            }

            user.Username = GeneratedUsername(profile.Id, withSuffix: true);
        }

        LogCreated(logger, user.Id, profile.Id);
        await events.PublishAsync(new SecurityEvent
        {
            Type = SecurityEventTypes.UserCreated,
            OccurredAt = now,
            SubjectId = user.Id,
            Target = user.Username,
            Details = new Dictionary<string, string>
            {
                ["source"] = Provider,
                ["clerk_user_id"] = profile.Id,
                ["roles"] = string.Join(' ', granted),
                ["status"] = user.Status,
            },
        }, cancellationToken).ConfigureAwait(false);
        return new ClerkSyncResult(user, Created: true, Changed: true, SessionsMustEnd: profile.Banned, SessionsRevoked: false);
    }

    private async Task<ClerkSyncResult> UpdateAsync(StoredUser user, ClerkUserProfile profile, bool organizationKnown, string? organizationRole, CancellationToken cancellationToken)
    {
        var link = user.External!;
        if (profile.UpdatedAt is { } updatedAt && link.ProfileUpdatedAt is { } applied && updatedAt < applied)
        {
            // Webhooks may arrive out of order (and may be replayed within their tolerance): never apply an older profile.
            LogStaleProfile(logger, user.Id, profile.Id);
            return new ClerkSyncResult(user, Created: false, Changed: false, SessionsMustEnd: IsEndedByClerk(user), SessionsRevoked: false);
        }

        var changes = new List<string>();
        var orgRole = organizationKnown ? organizationRole : link.OrganizationRole;
        var granted = roles.Map(profile.MetadataRoles, orgRole);
        var local = user.Roles.Except(link.GrantedRoles, StringComparer.Ordinal);
        var newRoles = local.Union(granted, StringComparer.Ordinal).ToArray();
        if (!newRoles.Order(StringComparer.Ordinal).SequenceEqual(user.Roles.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            user.Roles = newRoles;
            changes.Add("roles");
        }

        var displayName = CleanDisplayName(profile.FullName ?? profile.Username);
        if (!string.Equals(displayName, user.DisplayName, StringComparison.Ordinal))
        {
            user.DisplayName = displayName;
            changes.Add("display_name");
        }

        var email = CleanEmail(profile);
        if (!string.Equals(email, user.Email, StringComparison.Ordinal))
        {
            user.Email = email;
            changes.Add("email");
        }

        string? statusCause = null;
        if (profile.Banned && string.Equals(user.Status, AccountStatuses.Active, StringComparison.Ordinal))
        {
            user.Status = AccountStatuses.Suspended;
            link.SuspendedByProvider = true;
            statusCause = "clerk_user_banned";
        }
        else if (!profile.Banned && link.SuspendedByProvider)
        {
            link.SuspendedByProvider = false;
            if (string.Equals(user.Status, AccountStatuses.Suspended, StringComparison.Ordinal))
            {
                user.Status = AccountStatuses.Active;
                statusCause = "clerk_user_unbanned";
            }
        }

        if (statusCause is not null)
        {
            changes.Add("status");
        }

        var linkChanged = !granted.SequenceEqual(link.GrantedRoles, StringComparer.Ordinal)
            || !string.Equals(orgRole, link.OrganizationRole, StringComparison.Ordinal)
            || profile.UpdatedAt != link.ProfileUpdatedAt;
        link.GrantedRoles = granted;
        link.OrganizationRole = orgRole;
        link.ProfileUpdatedAt = profile.UpdatedAt ?? link.ProfileUpdatedAt;
        var changed = changes.Count > 0 || linkChanged;
        if (!changed)
        {
            return new ClerkSyncResult(user, Created: false, Changed: false, SessionsMustEnd: IsEndedByClerk(user), SessionsRevoked: false);
        }

        var now = time.GetUtcNow();
        user.UpdatedAt = now;
        users.Update(user);
        // Roles and status may have changed: the next permission check must read them again.
        permissions?.Invalidate(user.Id);
        if (changes.Count > 0)
        {
            await events.PublishAsync(new SecurityEvent
            {
                Type = SecurityEventTypes.UserUpdated,
                OccurredAt = now,
                SubjectId = user.Id,
                Target = user.Username,
                Details = new Dictionary<string, string>
                {
                    ["source"] = Provider,
                    ["clerk_user_id"] = profile.Id,
                    ["changed"] = string.Join(' ', changes),
                    ["roles"] = string.Join(' ', user.Roles),
                },
            }, cancellationToken).ConfigureAwait(false);
        }

        var revoked = false;
        if (statusCause is not null)
        {
            revoked = statusCause == "clerk_user_banned" && RevokeSessions(user);
            await PublishStatusChangedAsync(user, statusCause, revoked, cancellationToken).ConfigureAwait(false);
        }

        return new ClerkSyncResult(user, Created: false, Changed: true, SessionsMustEnd: IsEndedByClerk(user), revoked);
    }

    private static bool IsEndedByClerk(StoredUser user) =>
        user.External is { SuspendedByProvider: true } || string.Equals(user.Status, AccountStatuses.Disabled, StringComparison.Ordinal);

    private bool RevokeSessions(StoredUser user)
    {
        if (revocation is null)
        {
            LogNoRevocationService(logger, user.Id);
            return false;
        }

        revocation.RevokeSubject(user.Id, Actor);
        // The session records end too, so that listings and events agree with the refused tokens.
        sessions?.EndAll(user.Id, SessionEndReasons.AccountInactive, Actor, null);
        return true;
    }

    private async Task PublishStatusChangedAsync(StoredUser user, string cause, bool sessionsRevoked, CancellationToken cancellationToken)
    {
        LogStatusChanged(logger, user.Id, user.Status, cause);
        await events.PublishAsync(new SecurityEvent
        {
            Type = SecurityEventTypes.UserStatusChanged,
            OccurredAt = time.GetUtcNow(),
            Outcome = SecurityEventOutcomes.Info,
            SubjectId = user.Id,
            Target = user.Username,
            Details = new Dictionary<string, string>
            {
                ["source"] = Provider,
                ["clerk_user_id"] = user.External!.Subject,
                ["status"] = user.Status,
                ["cause"] = cause,
                ["sessions_revoked"] = sessionsRevoked ? "true" : "false",
            },
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The Clerk username, else the verified primary e-mail, when valid and free; else one made from the Clerk id.</summary>
    private string ChooseUsername(ClerkUserProfile profile)
    {
        var candidates = new[] { profile.Username, profile.PrimaryEmailVerified ? profile.PrimaryEmail : null };
        foreach (var candidate in candidates)
        {
            if (candidate is null)
            {
                continue;
            }

            var normalized = IdentityRules.NormalizeUsername(candidate);
            if (IdentityRules.IsValidUsername(normalized) && users.FindByUsername(normalized) is null)
            {
                return normalized;
            }
        }

        var generated = GeneratedUsername(profile.Id, withSuffix: false);
        return users.FindByUsername(generated) is null ? generated : GeneratedUsername(profile.Id, withSuffix: true);
    }

    private static string GeneratedUsername(string clerkUserId, bool withSuffix)
    {
        var id = clerkUserId.StartsWith("user_", StringComparison.Ordinal) ? clerkUserId[5..] : clerkUserId;
        var name = "clerk_" + id.ToLowerInvariant();
        if (withSuffix)
        {
            name = name[..Math.Min(name.Length, 55)] + "_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        }

        return name.Length <= 64 ? name : name[..64];
    }

    private static string? CleanDisplayName(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var cleaned = new string([.. value.Where(c => !char.IsControl(c))]).Trim();
        if (cleaned.Length > MaxDisplayNameLength)
        {
            cleaned = cleaned[..MaxDisplayNameLength].TrimEnd();
        }

        return cleaned.Length == 0 ? null : cleaned;
    }

    /// <summary>The primary address when Clerk verified it and it looks like one; unverified addresses are not trusted.</summary>
    private static string? CleanEmail(ClerkUserProfile profile) =>
        profile is { PrimaryEmailVerified: true, PrimaryEmail: { Length: > 2 and <= MaxEmailLength } email }
        && email.IndexOf('@', StringComparison.Ordinal) > 0 && !email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            ? email.Trim()
            : null;

    [LoggerMessage(EventId = 1520, Level = LogLevel.Information, Message = "Local user {UserId} created for Clerk user {ClerkUserId}")]
    private static partial void LogCreated(ILogger logger, string userId, string clerkUserId);

    [LoggerMessage(EventId = 1521, Level = LogLevel.Information, Message = "Clerk profile of user {ClerkUserId} is older than the one applied to {UserId}; not applied")]
    private static partial void LogStaleProfile(ILogger logger, string userId, string clerkUserId);

    [LoggerMessage(EventId = 1522, Level = LogLevel.Warning, Message = "User {UserId} is now {Status} ({Cause})")]
    private static partial void LogStatusChanged(ILogger logger, string userId, string status, string cause);

    [LoggerMessage(EventId = 1523, Level = LogLevel.Warning, Message = "User {UserId} must lose their sessions but no token revocation service is registered; the caller must end them")]
    private static partial void LogNoRevocationService(ILogger logger, string userId);
}
