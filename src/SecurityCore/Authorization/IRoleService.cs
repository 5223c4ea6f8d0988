namespace McpSecurity.SecurityCore.Authorization;

/// <summary>Roles at run time: list them, create custom ones, assign and revoke them on users and clients.</summary>
/// <remarks>
/// Rules, enforced here for every face: assigning or revoking a role needs <c>roles:assign</c> and every permission the
/// role grants (nobody grants what they do not hold, nor takes away more than they hold); creating a role needs
/// <c>roles:manage</c> and every permission of the new role; the last active administrator keeps the admin role. Every
/// change is a security event and takes effect on the holder's next request.
/// </remarks>
public interface IRoleService
{
    /// <summary>Lists every role with its permissions: built-in ones first, then custom ones.</summary>
    IReadOnlyList<RoleDefinition> List();

    /// <summary>Finds a role by name; null when it does not exist.</summary>
    RoleDefinition? Find(string name);

    /// <summary>Creates a custom role from catalogue permissions (or <c>area:*</c> patterns); throws <see cref="SecurityException"/> when refused.</summary>
    Task<RoleDefinition> CreateAsync(ActingPrincipal actor, string name, IReadOnlyList<string> permissions, string? description = null, CancellationToken cancellationToken = default);

    /// <summary>Assigns a role to a user or client; idempotent; throws <see cref="SecurityException"/> when refused.</summary>
    Task<RoleAssignment> AssignAsync(ActingPrincipal actor, RoleHolder holder, string role, CancellationToken cancellationToken = default);

    /// <summary>Revokes a role from a user or client; idempotent; throws <see cref="SecurityException"/> when refused.</summary>
    Task<RoleAssignment> RevokeAsync(ActingPrincipal actor, RoleHolder holder, string role, CancellationToken cancellationToken = default);
}
