using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.Server.Authorization;
using McpSecurity.Server.Http;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpSecurity.Server.Mcp;

/// <summary>The role tools of the MCP face: thin calls into <see cref="IRoleService"/> and <see cref="IPermissionChecker"/>.</summary>
[McpServerToolType]
internal sealed class RoleTools(IRoleService roles, IPermissionChecker permissions, IUserService users, McpCallerResolver callers, ILogger<RoleTools> logger)
{
    [McpServerTool(Name = "assign_role", Title = "Assign a role", UseStructuredContent = true, OutputSchemaType = typeof(RoleAssignmentOutput),
        ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false)]
    [RequiresPermission(Permissions.RolesAssign)]
    [Description("Assigns a role to a user (user_id or username) or to a client (client_id); give exactly one. Needs roles:assign and every " +
        "permission the role grants: nobody grants a permission they do not hold. Takes effect on the holder's next request.")]
    public Task<CallToolResult> AssignRoleAsync(
        [Description("The role, for example developer (list_roles shows them)."), StringLength(InputLimits.Role)] string role,
        [Description("The user's id (usr_...)."), StringLength(InputLimits.UserId)] string? user_id = null,
        [Description("The user's username."), StringLength(InputLimits.Username)] string? username = null,
        [Description("The client id of an agent or service."), StringLength(InputLimits.ClientId)] string? client_id = null,
        CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(logger, "assign_role", async () =>
        {
            var caller = await callers.RequireAsync(cancellationToken);
            var holder = Holder(user_id, username, client_id);
            var result = await roles.AssignAsync(Actor(caller), holder, ToolInput.Require(role, nameof(role), InputLimits.Role), cancellationToken);
            return RoleAssignmentOutput.From(result);
        });

    [McpServerTool(Name = "revoke_role", Title = "Revoke a role", UseStructuredContent = true, OutputSchemaType = typeof(RoleAssignmentOutput),
        ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false)]
    [RequiresPermission(Permissions.RolesAssign)]
    [Description("Revokes a role from a user (user_id or username) or from a client (client_id); give exactly one. Needs roles:assign and " +
        "every permission the role grants. The last active administrator keeps the admin role (LAST_ADMIN). Takes effect on the holder's next request.")]
    public Task<CallToolResult> RevokeRoleAsync(
        [Description("The role to revoke."), StringLength(InputLimits.Role)] string role,
        [Description("The user's id (usr_...)."), StringLength(InputLimits.UserId)] string? user_id = null,
        [Description("The user's username."), StringLength(InputLimits.Username)] string? username = null,
        [Description("The client id of an agent or service."), StringLength(InputLimits.ClientId)] string? client_id = null,
        CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(logger, "revoke_role", async () =>
        {
            var caller = await callers.RequireAsync(cancellationToken);
            var holder = Holder(user_id, username, client_id);
            var result = await roles.RevokeAsync(Actor(caller), holder, ToolInput.Require(role, nameof(role), InputLimits.Role), cancellationToken);
            return RoleAssignmentOutput.From(result);
        });

    [McpServerTool(Name = "list_roles", Title = "List roles", UseStructuredContent = true, OutputSchemaType = typeof(RoleListOutput),
        ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [RequiresPermission(Permissions.UsersRead)]
    [Description("Lists every role with the permissions it grants (the six hand-off roles, admin and custom roles) and the permission catalogue.")]
    public Task<CallToolResult> ListRolesAsync(CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(logger, "list_roles", async () =>
        {
            _ = await callers.RequireAsync(cancellationToken);
            return RoleListOutput.From(roles.List());
        });

    [McpServerTool(Name = "check_permission", Title = "Check a permission", UseStructuredContent = true, OutputSchemaType = typeof(PermissionCheckOutput),
        ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [RequiresCaller]
    [Description("Answers whether a subject holds a permission now (from its current roles, not the token's claims) and every permission it holds. " +
        "Without subject it checks the caller; checking another subject needs users:read.")]
    public Task<CallToolResult> CheckPermissionAsync(
        [Description("The permission, for example keys:rotate."), StringLength(InputLimits.Permission)] string permission,
        [Description("A user id or client id; default: the caller."), StringLength(InputLimits.Subject)] string? subject = null,
        CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(logger, "check_permission", async () =>
        {
            var caller = await callers.RequireAsync(cancellationToken);
            var name = ToolInput.Require(permission, nameof(permission), InputLimits.Permission);
            if (!Permissions.IsKnown(name))
            {
                throw ToolInput.Invalid(nameof(permission), $"must be a permission of the catalogue ({string.Join(", ", Permissions.All)})");
            }

            var target = ToolInput.Optional(subject, nameof(subject), InputLimits.Subject) ?? caller.Subject;
            if (!string.Equals(target, caller.Subject, StringComparison.Ordinal))
            {
                await permissions.DemandAsync(caller.Subject, Permissions.UsersRead, "check_permission", callers.RequestContext(), cancellationToken);
            }

            var decision = permissions.Check(target, name);
            var held = permissions.GetPermissions(target);
            return new PermissionCheckOutput(target, name, decision.IsAllowed, decision.ErrorCode, decision.MissingPermission,
                [.. Permissions.All.Where(held.Contains)]);
        });

    private ActingPrincipal Actor(Caller caller)
    {
        var context = callers.RequestContext();
        return ActingPrincipal.Subject(caller.Subject, context.Address, context.RequestId);
    }

    private RoleHolder Holder(string? userId, string? username, string? clientId)
    {
        var given = (string.IsNullOrEmpty(userId) ? 0 : 1) + (string.IsNullOrEmpty(username) ? 0 : 1) + (string.IsNullOrEmpty(clientId) ? 0 : 1);
        if (given != 1)
        {
            throw new SecurityException(SecurityErrorCodes.ValidationFailed, "Give exactly one of 'user_id', 'username' and 'client_id'.");
        }

        if (!string.IsNullOrEmpty(clientId))
        {
            return RoleHolder.Client(ToolInput.Require(clientId, "client_id", InputLimits.ClientId));
        }

        if (!string.IsNullOrEmpty(userId))
        {
            return RoleHolder.User(ToolInput.Require(userId, "user_id", InputLimits.UserId));
        }

        var account = users.FindByUsername(ToolInput.Require(username, "username", InputLimits.Username))
            ?? throw new SecurityException(SecurityErrorCodes.NotFound, $"No user with username '{username}'.", new Dictionary<string, object?> { ["field"] = "username" });
        return RoleHolder.User(account.Id);
    }
}
