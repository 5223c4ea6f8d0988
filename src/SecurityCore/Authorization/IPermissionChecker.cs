using McpSecurity.SecurityCore.Tokens;

namespace McpSecurity.SecurityCore.Authorization;

/// <summary>The one authorization check of every MCP tool and REST endpoint: does a subject hold a permission?</summary>
/// <remarks>
/// Permissions come from the subject's roles as they are in the store now (a user by id, a client by client id), never
/// from the token's <c>roles</c> claim, so a role change takes effect on the next request of a token already issued.
/// Suspended, disabled and unknown subjects hold nothing. Results are cached per subject and invalidated by every role change.
/// </remarks>
public interface IPermissionChecker
{
    /// <summary>Checks whether <paramref name="subject"/> holds <paramref name="permission"/>; allocates nothing on a cache hit.</summary>
    AuthorizationDecision Check(string subject, string permission);

    /// <summary>Gets every permission <paramref name="subject"/> holds now.</summary>
    IReadOnlySet<string> GetPermissions(string subject);

    /// <summary>Gets the roles <paramref name="subject"/> holds now (none when suspended, disabled or unknown); cached with the permissions.</summary>
    /// <remarks>For rules that name roles rather than permissions (such as a rate-limit policy's bypass roles): the token's <c>roles</c> claim may be stale.</remarks>
    IReadOnlyList<string> GetRoles(string subject);

    /// <summary>
    /// Checks like <see cref="Check"/>; on refusal records an <c>access_denied</c> security event for <paramref name="operation"/>
    /// and throws <see cref="SecurityException"/> with <see cref="SecurityErrorCodes.InsufficientPermissions"/> naming the permission.
    /// </summary>
    ValueTask DemandAsync(string subject, string permission, string operation, TokenRequestContext? context = null, CancellationToken cancellationToken = default);

    /// <summary>Forgets the cached permissions of one subject (call after changing its roles or status).</summary>
    void Invalidate(string subject);

    /// <summary>Forgets every cached permission set (call after changing what a role grants).</summary>
    void InvalidateAll();
}
