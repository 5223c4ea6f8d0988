using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.SecurityCore.Storage;
using McpSecurity.SecurityCore.Tokens;
using Microsoft.Extensions.Logging;

namespace McpSecurity.SecurityCore.Authorization;

/// <summary>
/// Custom roles and role assignment over the user, client and role repositories, with the rules of
/// <see cref="IRoleService"/>. Writes touch only the roles field and invalidate the holder's cached permissions.
/// </summary>
/// <remarks>
/// The check of "last active admin" and the write that follows run under one lock, so two concurrent revocations cannot
/// both pass it. The lock is per process, which the data directory lock makes the only writer of the embedded store.
/// </remarks>
internal sealed partial class RoleService(
    IUserRepository users,
    IClientRepository clients,
    IRoleRepository customRoles,
    RoleCatalog catalog,
    IPermissionChecker checker,
    ISecurityEventSink events,
    TimeProvider time,
    ILogger<RoleService> logger) : IRoleService
{
    /// <summary>The most permissions one custom role may list (the catalogue is smaller; this bounds input).</summary>
    public const int MaxPermissionsPerRole = 64;

    private readonly Lock _gate = new();

    /// <inheritdoc />
    public IReadOnlyList<RoleDefinition> List() => catalog.List();

    /// <inheritdoc />
    public RoleDefinition? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return IdentityRules.IsValidRole(name) ? catalog.Find(name) : null;
    }

    /// <inheritdoc />
    public async Task<RoleDefinition> CreateAsync(ActingPrincipal actor, string name, IReadOnlyList<string> permissions, string? description = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(permissions);
        if (!IdentityRules.IsValidRole(name))
        {
            throw Invalid("name", "name must be 1 to 64 characters of a-z, 0-9, '_', '.', ':' and '-', starting with a letter.");
        }

        if (!IdentityRules.IsValidDisplayName(description))
        {
            throw Invalid("description", "description must be at most 128 characters without control characters.");
        }

        if (permissions.Count == 0 || permissions.Count > MaxPermissionsPerRole)
        {
            throw Invalid("permissions", $"permissions must list 1 to {MaxPermissionsPerRole} catalogue permissions.");
        }

        foreach (var entry in permissions)
        {
            if (entry is null || !Authorization.Permissions.TryExpand(entry, out _))
            {
                throw Invalid("permissions", $"'{entry}' is not a known permission or pattern. Known permissions: {string.Join(", ", Authorization.Permissions.All)}.");
            }
        }

        var granted = RoleCatalog.Expand(permissions);
        await DemandAsync(actor, Authorization.Permissions.RolesManage, "create_role", cancellationToken).ConfigureAwait(false);
        await DemandEveryAsync(actor, granted, $"Creating the role '{name}'", "create_role", cancellationToken).ConfigureAwait(false);

        if (catalog.IsBuiltIn(name))
        {
            throw new SecurityException(SecurityErrorCodes.Conflict, $"'{name}' is a built-in role; its permissions come from configuration ({RoleOptions.SectionName}).",
                new Dictionary<string, object?> { ["field"] = "name" });
        }

        var now = time.GetUtcNow();
        var stored = new StoredRole { Name = name, Description = description, Permissions = granted, CreatedAt = now, CreatedBy = actor.Id };
        if (!customRoles.TryInsert(stored))
        {
            throw new SecurityException(SecurityErrorCodes.Conflict, $"The role '{name}' already exists.", new Dictionary<string, object?> { ["field"] = "name" });
        }

        // Holders may already carry the name (roles are free-form on accounts): every cached set may change.
        catalog.CustomRolesChanged();
        checker.InvalidateAll();
        LogCreated(logger, name, actor.Id);
        await events.PublishAsync(Event(SecurityEventTypes.RoleCreated, actor, name, new Dictionary<string, string>
        {
            ["role"] = name,
            ["permissions"] = string.Join(' ', granted),
        }), cancellationToken).ConfigureAwait(false);
        return catalog.Find(name)!;
    }

    /// <inheritdoc />
    public async Task<RoleAssignment> AssignAsync(ActingPrincipal actor, RoleHolder holder, string role, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(role);
        ValidateHolder(holder);
        var definition = FindRole(role) ?? throw new SecurityException(SecurityErrorCodes.NotFound,
            $"The role '{role}' does not exist; list_roles (GET /api/v1/roles) shows the roles.", new Dictionary<string, object?> { ["field"] = "role" });

        await DemandAsync(actor, Authorization.Permissions.RolesAssign, "assign_role", cancellationToken).ConfigureAwait(false);
        await DemandEveryAsync(actor, definition.Permissions, $"Assigning the role '{role}'", "assign_role", cancellationToken).ConfigureAwait(false);

        RoleAssignment result;
        lock (_gate)
        {
            var current = CurrentRoles(holder);
            if (current.Contains(role, StringComparer.Ordinal))
            {
                return new RoleAssignment(holder, role, current, Changed: false);
            }

            string[] updated = [.. current, role];
            Write(holder, updated);
            result = new RoleAssignment(holder, role, updated, Changed: true);
        }

        checker.Invalidate(holder.Id);
        LogAssigned(logger, role, holder.KindName, holder.Id, actor.Id);
        await events.PublishAsync(Event(SecurityEventTypes.RoleAssigned, actor, holder.Id, Details(holder, role, result.Roles)), cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <inheritdoc />
    public async Task<RoleAssignment> RevokeAsync(ActingPrincipal actor, RoleHolder holder, string role, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(role);
        ValidateHolder(holder);
        if (!IdentityRules.IsValidRole(role))
        {
            throw Invalid("role", "role must be a role name of 1 to 64 characters of a-z, 0-9, '_', '.', ':' and '-'.");
        }

        // A role that no longer exists grants nothing, so only roles:assign is needed to clean it up.
        await DemandAsync(actor, Authorization.Permissions.RolesAssign, "revoke_role", cancellationToken).ConfigureAwait(false);
        if (catalog.Find(role) is { } definition)
        {
            await DemandEveryAsync(actor, definition.Permissions, $"Revoking the role '{role}'", "revoke_role", cancellationToken).ConfigureAwait(false);
        }

        RoleAssignment result;
        lock (_gate)
        {
            var current = CurrentRoles(holder);
            if (!current.Contains(role, StringComparer.Ordinal))
            {
                return new RoleAssignment(holder, role, current, Changed: false);
            }

            if (holder.Kind == RoleHolderKind.User && string.Equals(role, Roles.Admin, StringComparison.Ordinal) && IsLastActiveAdmin(holder.Id))
            {
                throw new SecurityException(SecurityErrorCodes.LastAdmin,
                    "This is the last active administrator; make another user admin before revoking this one's admin role.",
                    new Dictionary<string, object?> { ["role"] = role });
            }

            string[] updated = [.. current.Where(r => !string.Equals(r, role, StringComparison.Ordinal))];
            Write(holder, updated);
            result = new RoleAssignment(holder, role, updated, Changed: true);
        }

        checker.Invalidate(holder.Id);
        LogRevoked(logger, role, holder.KindName, holder.Id, actor.Id);
        await events.PublishAsync(Event(SecurityEventTypes.RoleRevoked, actor, holder.Id, Details(holder, role, result.Roles)), cancellationToken).ConfigureAwait(false);
        return result;
    }

    private RoleDefinition? FindRole(string role) => IdentityRules.IsValidRole(role) ? catalog.Find(role) : null;

    private bool IsLastActiveAdmin(string userId)
    {
        var user = users.FindById(userId);
        if (user is null || !string.Equals(user.Status, AccountStatuses.Active, StringComparison.Ordinal))
        {
            // An inactive admin is not one of the active ones the rule protects.
            return false;
        }

        return users.CountWithRoleAndStatus(Roles.Admin, AccountStatuses.Active) <= 1;
    }

    private string[] CurrentRoles(RoleHolder holder) => holder.Kind switch
    {
        RoleHolderKind.User => users.FindById(holder.Id)?.Roles ?? throw NoSuchHolder(holder),
        _ => clients.Find(holder.Id)?.Roles ?? throw NoSuchHolder(holder),
    };

    private void Write(RoleHolder holder, string[] roles)
    {
        var written = holder.Kind == RoleHolderKind.User
            ? users.UpdateRoles(holder.Id, roles, time.GetUtcNow())
            : clients.UpdateRoles(holder.Id, roles);
        if (!written)
        {
            throw NoSuchHolder(holder);
        }
    }

    private ValueTask DemandAsync(ActingPrincipal actor, string permission, string operation, CancellationToken cancellationToken) =>
        actor.IsLocalOperator
            ? ValueTask.CompletedTask
            : checker.DemandAsync(actor.Id, permission, operation, new TokenRequestContext(actor.Address, actor.RequestId), cancellationToken);

    private async ValueTask DemandEveryAsync(ActingPrincipal actor, IReadOnlyList<string> required, string what, string operation, CancellationToken cancellationToken)
    {
        if (actor.IsLocalOperator)
        {
            return;
        }

        var held = checker.GetPermissions(actor.Id);
        var missing = required.Where(p => !held.Contains(p)).ToArray();
        if (missing.Length == 0)
        {
            return;
        }

        await events.PublishAsync(new SecurityEvent
        {
            Type = SecurityEventTypes.AccessDenied,
            OccurredAt = time.GetUtcNow(),
            Outcome = SecurityEventOutcomes.Failure,
            SubjectId = actor.Id,
            Address = actor.Address,
            RequestId = actor.RequestId,
            Target = operation,
            ReasonCode = SecurityErrorCodes.InsufficientPermissions,
            Details = new Dictionary<string, string> { ["permission"] = string.Join(' ', missing) },
        }, cancellationToken).ConfigureAwait(false);
        throw new SecurityException(SecurityErrorCodes.InsufficientPermissions,
            $"{what} needs every permission it grants; the caller lacks {string.Join(", ", missing)}. Nobody grants a permission they do not hold.",
            new Dictionary<string, object?> { ["required_permission"] = missing[0], ["missing_permissions"] = missing });
    }

    private static void ValidateHolder(RoleHolder holder)
    {
        var valid = holder.Kind == RoleHolderKind.User
            ? !string.IsNullOrEmpty(holder.Id) && holder.Id.Length <= 128 && !holder.Id.Any(char.IsControl)
            : holder.Id is not null && IdentityRules.IsValidClientId(holder.Id);
        if (!valid)
        {
            throw Invalid(holder.Kind == RoleHolderKind.User ? "user_id" : "client_id", $"{holder.KindName} id is malformed.");
        }
    }

    private static SecurityException NoSuchHolder(RoleHolder holder) =>
        new(SecurityErrorCodes.NotFound, $"No {holder.KindName} with id '{holder.Id}'.",
            new Dictionary<string, object?> { ["field"] = holder.Kind == RoleHolderKind.User ? "user_id" : "client_id" });

    private static Dictionary<string, string> Details(RoleHolder holder, string role, IReadOnlyList<string> roles) => new()
    {
        ["role"] = role,
        ["holder_type"] = holder.KindName,
        ["roles"] = string.Join(' ', roles),
    };

    private SecurityEvent Event(string type, ActingPrincipal actor, string target, Dictionary<string, string> details) => new()
    {
        Type = type,
        OccurredAt = time.GetUtcNow(),
        SubjectId = actor.Id,
        Address = actor.Address,
        RequestId = actor.RequestId,
        Target = target,
        Details = details,
    };

    private static SecurityException Invalid(string field, string message) =>
        new(SecurityErrorCodes.ValidationFailed, message, new Dictionary<string, object?> { ["field"] = field });

    [LoggerMessage(EventId = 1310, Level = LogLevel.Information, Message = "Role {Role} assigned to {HolderType} {HolderId} by {Actor}")]
    private static partial void LogAssigned(ILogger logger, string role, string holderType, string holderId, string actor);

    [LoggerMessage(EventId = 1311, Level = LogLevel.Information, Message = "Role {Role} revoked from {HolderType} {HolderId} by {Actor}")]
    private static partial void LogRevoked(ILogger logger, string role, string holderType, string holderId, string actor);

    [LoggerMessage(EventId = 1312, Level = LogLevel.Information, Message = "Custom role {Role} created by {Actor}")]
    private static partial void LogCreated(ILogger logger, string role, string actor);
}
