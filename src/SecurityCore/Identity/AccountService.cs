using System.Text;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Storage;
using McpSecurity.SecurityCore.Tokens;
using Microsoft.Extensions.Logging;

namespace McpSecurity.SecurityCore.Identity;

/// <summary>User management over <see cref="IUserRepository"/> (field updates only), one rule set for both faces.</summary>
internal sealed partial class AccountService(
    IUserRepository users,
    IUserService userService,
    IPasswordHasher hasher,
    IPasswordPolicy policy,
    IRoleService roles,
    IPermissionChecker permissions,
    ITokenRevocationService revocations,
    SessionTracker sessions,
    ISecurityEventSink events,
    TimeProvider time,
    ILogger<AccountService> logger) : IAccountService
{
    private const int MaxSearchLength = 64;
    private static readonly string[] SettableStatuses = [AccountStatuses.Active, AccountStatuses.Suspended, AccountStatuses.Disabled];
    private static readonly string[] FilterStatuses = [AccountStatuses.Active, AccountStatuses.Locked, AccountStatuses.Suspended, AccountStatuses.Disabled];

    /// <inheritdoc />
    public UserListPage List(UserListQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1 or > UserListQuery.MaxLimit)
        {
            throw Invalid("limit", $"limit must be between 1 and {UserListQuery.MaxLimit}.");
        }

        if (query.Status is not null && !FilterStatuses.Contains(query.Status, StringComparer.Ordinal))
        {
            throw Invalid("status", $"status must be one of {string.Join(", ", FilterStatuses)}.");
        }

        if (query.Role is not null && !IdentityRules.IsValidRole(query.Role))
        {
            throw Invalid("role", "role must be a role name (list_roles shows them).");
        }

        var search = string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim().ToLowerInvariant();
        if (search is not null && (search.Length > MaxSearchLength || search.Any(c => char.IsControl(c) || c == '%')))
        {
            throw Invalid("q", $"q must be at most {MaxSearchLength} characters without control characters or '%'.");
        }

        var after = query.Cursor is null ? null : DecodeCursor(query.Cursor);
        var filter = new UserListFilter(time.GetUtcNow(), query.Status, query.Role, search);
        var found = users.List(filter, after, query.Limit + 1);
        var page = found.Take(query.Limit).Select(Profile).ToList();
        var next = found.Count > query.Limit ? EncodeCursor(page[^1].Username) : null;
        return new UserListPage(page, next, users.Count(filter));
    }

    /// <inheritdoc />
    public UserProfile GetById(string userId) => Profile(Require(userId));

    /// <inheritdoc />
    public UserProfile? FindByUsername(string username)
    {
        ArgumentNullException.ThrowIfNull(username);
        var normalized = IdentityRules.NormalizeUsername(username);
        return IdentityRules.IsValidUsername(normalized) && users.FindByUsername(normalized) is { DeletedAt: null } user ? Profile(user) : null;
    }

    /// <inheritdoc />
    public async Task<UserProfile> CreateAsync(ActingPrincipal actor, NewUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(user);
        await DemandAsync(actor, Permissions.UsersManage, "create_user", cancellationToken).ConfigureAwait(false);
        var email = NormalizeEmail(user.Email);
        var validRoles = IdentityRules.ValidateRoles(user.Roles ?? [], "roles");
        if (validRoles.Length > 0)
        {
            // Creating an account with roles is granting them: the same rule as assign_role, checked before anything is written.
            await DemandAsync(actor, Permissions.RolesAssign, "create_user", cancellationToken).ConfigureAwait(false);
            foreach (var role in validRoles)
            {
                var definition = roles.Find(role) ?? throw Invalid("roles", $"The role '{role}' does not exist (list_roles shows the roles).");
                await DemandEveryAsync(actor, definition.Permissions, "create_user", cancellationToken).ConfigureAwait(false);
            }
        }

        var created = await userService.CreateAsync(user.Username, user.Password, validRoles, user.MustChangePassword, user.DisplayName, cancellationToken).ConfigureAwait(false);
        if (email is not null)
        {
            users.UpdateProfile(created.Id, created.DisplayName, email, time.GetUtcNow());
        }

        LogCreated(logger, created.Id, actor.Id);
        return GetById(created.Id);
    }

    /// <inheritdoc />
    public async Task<UserProfile> UpdateAsync(ActingPrincipal actor, string userId, UserProfileUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(update);
        var user = Require(userId);
        await DemandManageAsync(actor, user, "update_user", cancellationToken).ConfigureAwait(false);
        if (update.Status is not null && !SettableStatuses.Contains(update.Status, StringComparer.Ordinal))
        {
            throw Invalid("status", $"status must be one of {string.Join(", ", SettableStatuses)} (a lockout is lifted with unlock).");
        }

        if (update.DisplayName is { Length: > 0 } name && !IdentityRules.IsValidDisplayName(name))
        {
            throw Invalid("display_name", "display_name must be at most 128 characters without control characters.");
        }

        var email = update.Email is null ? user.Email : NormalizeEmail(update.Email);
        if (update.DisplayName is not null || update.Email is not null)
        {
            var displayName = update.DisplayName is null ? user.DisplayName : update.DisplayName.Length == 0 ? null : update.DisplayName;
            users.UpdateProfile(user.Id, displayName, email, time.GetUtcNow());
            await PublishAsync(SecurityEventTypes.UserUpdated, actor, user, new Dictionary<string, string>
            {
                ["fields"] = string.Join(' ', new[] { update.DisplayName is null ? null : "display_name", update.Email is null ? null : "email" }.Where(f => f is not null)),
            }, cancellationToken).ConfigureAwait(false);
        }

        if (update.Status is { } status && !string.Equals(status, user.Status, StringComparison.Ordinal))
        {
            await ChangeStatusAsync(actor, user, status, null, cancellationToken).ConfigureAwait(false);
        }

        return GetById(user.Id);
    }

    /// <inheritdoc />
    public async Task<UserProfile> DisableAsync(ActingPrincipal actor, string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var user = Require(userId);
        await DemandManageAsync(actor, user, "disable_user", cancellationToken).ConfigureAwait(false);
        if (!string.Equals(user.Status, AccountStatuses.Disabled, StringComparison.Ordinal))
        {
            await ChangeStatusAsync(actor, user, AccountStatuses.Disabled, null, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Already disabled: still make sure nothing of it lives on (idempotent).
            EndEverything(actor, user, SessionEndReasons.AccountInactive);
        }

        return GetById(user.Id);
    }

    /// <inheritdoc />
    public async Task DeleteAsync(ActingPrincipal actor, string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var user = Require(userId);
        await DemandManageAsync(actor, user, "delete_user", cancellationToken).ConfigureAwait(false);
        await ChangeStatusAsync(actor, user, AccountStatuses.Disabled, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<int> SetPasswordAsync(ActingPrincipal actor, string userId, string password, bool mustChangePassword, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(password);
        var user = Require(userId);
        await DemandManageAsync(actor, user, "set_password", cancellationToken).ConfigureAwait(false);
        if (password.Length > IdentityRules.MaxPasswordInputLength)
        {
            throw new SecurityException(SecurityErrorCodes.PasswordPolicyViolation, $"The password must be at most {IdentityRules.MaxPasswordInputLength} characters.",
                new Dictionary<string, object?> { ["field"] = "password" });
        }

        if (policy.Check(password, user.Roles, IdentityRules.ContextWords(user.Username)) is { } violation)
        {
            throw new SecurityException(SecurityErrorCodes.PasswordPolicyViolation, violation, new Dictionary<string, object?> { ["field"] = "password" });
        }

        users.UpdatePassword(user.Id, hasher.Hash(password), mustChangePassword, time.GetUtcNow());
        // Whoever held the old password must not keep a session opened with it.
        var ended = sessions.EndAll(user.Id, SessionEndReasons.PasswordChanged, actor.Id, null, Context(actor));
        LogPasswordSet(logger, user.Id, actor.Id, ended);
        await PublishAsync(SecurityEventTypes.PasswordChanged, actor, user, new Dictionary<string, string>
        {
            ["by"] = "administrator",
            ["must_change_password"] = mustChangePassword ? "true" : "false",
            ["sessions_ended"] = ended.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, cancellationToken).ConfigureAwait(false);
        return ended;
    }

    /// <inheritdoc />
    public async Task<int> ChangeOwnPasswordAsync(string userId, string currentPassword, string newPassword, string? currentSessionId, TokenRequestContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(currentPassword);
        ArgumentNullException.ThrowIfNull(newPassword);
        ArgumentNullException.ThrowIfNull(context);
        var user = Require(userId);
        // The user service checks the current password (lockout included), the policy, and records password_changed.
        await userService.ChangePasswordAsync(user.Username, currentPassword, newPassword, cancellationToken).ConfigureAwait(false);
        return sessions.EndAll(user.Id, SessionEndReasons.PasswordChanged, user.Id, currentSessionId, context);
    }

    private async Task ChangeStatusAsync(ActingPrincipal actor, StoredUser user, string status, DateTimeOffset? deletedAt, CancellationToken cancellationToken)
    {
        var leavesActive = !string.Equals(status, AccountStatuses.Active, StringComparison.Ordinal);
        if (leavesActive && string.Equals(user.Status, AccountStatuses.Active, StringComparison.Ordinal) && user.Roles.Contains(Roles.Admin, StringComparer.Ordinal)
            && users.CountWithRoleAndStatus(Roles.Admin, AccountStatuses.Active) <= 1)
        {
            throw new SecurityException(SecurityErrorCodes.LastAdmin, "This is the last active administrator; make another administrator first.");
        }

        users.UpdateStatus(user.Id, status, deletedAt, time.GetUtcNow());
        permissions.Invalidate(user.Id);
        var ended = leavesActive ? EndEverything(actor, user, SessionEndReasons.AccountInactive) : 0;
        var details = new Dictionary<string, string>
        {
            ["from"] = user.Status,
            ["to"] = status,
            ["sessions_ended"] = ended.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        LogStatusChanged(logger, user.Id, user.Status, status, actor.Id, deletedAt is not null);
        await PublishAsync(deletedAt is null ? SecurityEventTypes.UserStatusChanged : SecurityEventTypes.UserDeleted, actor, user, details, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends every session and refuses every token issued so far (also those of sessions older than the session store).</summary>
    private int EndEverything(ActingPrincipal actor, StoredUser user, string reason)
    {
        var ended = sessions.EndAll(user.Id, reason, actor.Id, null, Context(actor));
        revocations.RevokeSubject(user.Id, actor.Id);
        return ended;
    }

    private StoredUser Require(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        return users.FindById(userId) is { DeletedAt: null } user
            ? user
            : throw new SecurityException(SecurityErrorCodes.NotFound, $"No user with id '{userId}'.", new Dictionary<string, object?> { ["field"] = "user_id" });
    }

    private async ValueTask DemandManageAsync(ActingPrincipal actor, StoredUser target, string operation, CancellationToken cancellationToken)
    {
        await DemandAsync(actor, Permissions.UsersManage, operation, cancellationToken).ConfigureAwait(false);
        if (actor.IsLocalOperator || string.Equals(actor.Id, target.Id, StringComparison.Ordinal))
        {
            return;
        }

        // Nobody manages an account more privileged than their own: the target's roles as granted, whatever its status,
        // so that a disabled administrator cannot be re-enabled or given a new password by a lesser manager.
        foreach (var role in target.Roles)
        {
            if (roles.Find(role) is { } definition)
            {
                await DemandEveryAsync(actor, definition.Permissions, operation, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async ValueTask DemandEveryAsync(ActingPrincipal actor, IReadOnlyList<string> required, string operation, CancellationToken cancellationToken)
    {
        foreach (var permission in required)
        {
            await DemandAsync(actor, permission, operation, cancellationToken).ConfigureAwait(false);
        }
    }

    private ValueTask DemandAsync(ActingPrincipal actor, string permission, string operation, CancellationToken cancellationToken) =>
        actor.IsLocalOperator
            ? ValueTask.CompletedTask
            : permissions.DemandAsync(actor.Id, permission, operation, Context(actor), cancellationToken);

    private UserProfile Profile(StoredUser user)
    {
        var now = time.GetUtcNow();
        var locked = AccountLockout.IsLocked(user, now);
        var status = locked && string.Equals(user.Status, AccountStatuses.Active, StringComparison.Ordinal) ? AccountStatuses.Locked : user.Status;
        return new UserProfile(user.Id, user.Username, user.DisplayName, user.Email, status, [.. user.Roles], user.MustChangePassword,
            user.RequiresSecondFactor, user.CreatedAt, user.UpdatedAt, locked ? user.LockedUntil : null);
    }

    private ValueTask PublishAsync(string type, ActingPrincipal actor, StoredUser user, Dictionary<string, string> details, CancellationToken cancellationToken)
    {
        details["username"] = user.Username;
        return events.PublishAsync(new SecurityEvent
        {
            Type = type,
            OccurredAt = time.GetUtcNow(),
            SubjectId = actor.Id,
            Address = actor.Address,
            RequestId = actor.RequestId,
            Target = user.Id,
            Details = details,
        }, cancellationToken);
    }

    private static string? NormalizeEmail(string? email)
    {
        if (email is null)
        {
            return null;
        }

        var trimmed = email.Trim();
        if (trimmed.Length == 0)
        {
            return null;
        }

        return IdentityRules.IsValidEmail(trimmed) ? trimmed : throw Invalid("email", "email must be an address like name@example.com (at most 254 characters).");
    }

    private static string EncodeCursor(string username) => Convert.ToBase64String(Encoding.UTF8.GetBytes(username)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string DecodeCursor(string cursor)
    {
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var username = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            return IdentityRules.IsValidUsername(username) ? username : throw Invalid("cursor", "cursor must be the next_cursor of a previous page.");
        }
        catch (FormatException)
        {
            throw Invalid("cursor", "cursor must be the next_cursor of a previous page.");
        }
    }

    private static TokenRequestContext Context(ActingPrincipal actor) => new(actor.Address, actor.RequestId);

    private static SecurityException Invalid(string field, string message) =>
        new(SecurityErrorCodes.ValidationFailed, message, new Dictionary<string, object?> { ["field"] = field });

    [LoggerMessage(EventId = 1250, Level = LogLevel.Information, Message = "User {UserId} created by {Actor}")]
    private static partial void LogCreated(ILogger logger, string userId, string actor);

    [LoggerMessage(EventId = 1251, Level = LogLevel.Information, Message = "User {UserId} status {From} -> {To} by {Actor} (deleted: {Deleted})")]
    private static partial void LogStatusChanged(ILogger logger, string userId, string from, string to, string actor, bool deleted);

    [LoggerMessage(EventId = 1252, Level = LogLevel.Information, Message = "Password of user {UserId} set by {Actor}; {Sessions} sessions ended")]
    private static partial void LogPasswordSet(ILogger logger, string userId, string actor, int sessions);
}
