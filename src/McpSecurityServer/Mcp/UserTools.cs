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

/// <summary>The user and session tools of the MCP face: thin calls into <see cref="IAccountService"/> and <see cref="ISessionService"/>.</summary>
[McpServerToolType]
internal sealed class UserTools(IAccountService accounts, ISessionService sessions, IPermissionChecker permissions, McpCallerResolver callers, ILogger<UserTools> logger)
{
    [McpServerTool(Name = "create_user", Title = "Create a user", UseStructuredContent = true, OutputSchemaType = typeof(UserOutput),
        ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [RequiresPermission(Permissions.UsersManage)]
    [Description("Creates a person's account (agents and services are clients, registered separately). The password must pass the password " +
        "policy of the roles; giving roles needs roles:assign and every permission they grant. The password is never echoed.")]
    public Task<CallToolResult> CreateUserAsync(
        [Description("The username: 3 to 64 characters of a-z, 0-9, '.', '_', '@', '-'."), StringLength(InputLimits.Username)] string username,
        [Description("The initial password."), StringLength(InputLimits.Password)] string password,
        [Description("Roles, for example [\"developer\"] (list_roles shows them).")] string[]? roles = null,
        [Description("The display name."), StringLength(InputLimits.DisplayName)] string? display_name = null,
        [Description("The e-mail address."), StringLength(InputLimits.Email)] string? email = null,
        [Description("Require a password change at the first login.")] bool must_change_password = false,
        CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(logger, "create_user", async () =>
        {
            var caller = await callers.RequireAsync(cancellationToken);
            if (roles is { } list && (list.Length > 32 || list.Any(r => r is null || r.Length > InputLimits.Role)))
            {
                throw ToolInput.Invalid(nameof(roles), "must list at most 32 role names");
            }

            var user = await accounts.CreateAsync(Actor(caller), new NewUser
            {
                Username = ToolInput.Require(username, nameof(username), InputLimits.Username),
                Password = ToolInput.Require(password, nameof(password), InputLimits.Password),
                Roles = roles ?? [],
                DisplayName = ToolInput.Optional(display_name, nameof(display_name), InputLimits.DisplayName),
                Email = ToolInput.Optional(email, nameof(email), InputLimits.Email),
                MustChangePassword = must_change_password,
            }, cancellationToken);
            return UserOutput.From(user);
        });

    [McpServerTool(Name = "set_password", Title = "Set a user's password", UseStructuredContent = true, OutputSchemaType = typeof(SessionsRevokedOutput),
        ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false)]
    [RequiresPermission(Permissions.UsersManage)]
    [Description("Sets a user's password as an administrator (user_id or username) and ends all of that user's sessions. The password must pass " +
        "the policy; nobody sets the password of an account more privileged than their own. Answers how many sessions ended.")]
    public Task<CallToolResult> SetPasswordAsync(
        [Description("The new password."), StringLength(InputLimits.Password)] string password,
        [Description("The user's id (usr_...)."), StringLength(InputLimits.UserId)] string? user_id = null,
        [Description("The user's username."), StringLength(InputLimits.Username)] string? username = null,
        [Description("Require the user to change it at the next login.")] bool must_change_password = false,
        CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(logger, "set_password", async () =>
        {
            var caller = await callers.RequireAsync(cancellationToken);
            var target = Target(user_id, username) ?? throw ToolInput.Invalid("user_id", "or username is required");
            var ended = await accounts.SetPasswordAsync(Actor(caller), target, ToolInput.Require(password, nameof(password), InputLimits.Password),
                must_change_password, cancellationToken);
            return new SessionsRevokedOutput(target, ended);
        });

    [McpServerTool(Name = "list_users", Title = "List users", UseStructuredContent = true, OutputSchemaType = typeof(UserListOutput),
        ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [RequiresPermission(Permissions.UsersRead)]
    [Description("Lists people's accounts ordered by username, one page at a time (deleted accounts are not listed). Pass next_cursor as cursor for the next page.")]
    public Task<CallToolResult> ListUsersAsync(
        [Description("Page size, 1 to 200 (default 50).")] int limit = 50,
        [Description("The next_cursor of the previous page."), StringLength(InputLimits.Cursor)] string? cursor = null,
        [Description("Only this status: active, locked, suspended or disabled."), StringLength(InputLimits.Status)] string? status = null,
        [Description("Only holders of this role."), StringLength(InputLimits.Role)] string? role = null,
        [Description("Only users whose username, e-mail or display name contains this text."), StringLength(InputLimits.Search)] string? q = null,
        CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(logger, "list_users", async () =>
        {
            _ = await callers.RequireAsync(cancellationToken);
            return UserListOutput.From(accounts.List(new UserListQuery
            {
                Limit = limit,
                Cursor = ToolInput.Optional(cursor, nameof(cursor), InputLimits.Cursor),
                Status = ToolInput.Optional(status, nameof(status), InputLimits.Status),
                Role = ToolInput.Optional(role, nameof(role), InputLimits.Role),
                Search = ToolInput.Optional(q, nameof(q), InputLimits.Search),
            }));
        });

    [McpServerTool(Name = "disable_user", Title = "Disable a user", UseStructuredContent = true, OutputSchemaType = typeof(UserOutput),
        ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false)]
    [RequiresPermission(Permissions.UsersManage)]
    [Description("Disables a user (user_id or username): no more logins, and every session ends at once (existing access tokens stop working " +
        "on their next request). The last active administrator cannot be disabled (LAST_ADMIN).")]
    public Task<CallToolResult> DisableUserAsync(
        [Description("The user's id (usr_...)."), StringLength(InputLimits.UserId)] string? user_id = null,
        [Description("The user's username."), StringLength(InputLimits.Username)] string? username = null,
        CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(logger, "disable_user", async () =>
        {
            var caller = await callers.RequireAsync(cancellationToken);
            var target = Target(user_id, username) ?? throw ToolInput.Invalid("user_id", "or username is required");
            return UserOutput.From(await accounts.DisableAsync(Actor(caller), target, cancellationToken));
        });

    [McpServerTool(Name = "list_sessions", Title = "List sessions", UseStructuredContent = true, OutputSchemaType = typeof(SessionListOutput),
        ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [RequiresCaller]
    [Description("Lists a user's login sessions (client, user agent, address, methods, last activity, idle and absolute end), newest first. " +
        "Without user_id or username: the caller's own (current marks the calling token's); another user's need users:read.")]
    public Task<CallToolResult> ListSessionsAsync(
        [Description("The user's id (usr_...)."), StringLength(InputLimits.UserId)] string? user_id = null,
        [Description("The user's username."), StringLength(InputLimits.Username)] string? username = null,
        [Description("Also list sessions that ended in the last 7 days.")] bool include_ended = false,
        CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(logger, "list_sessions", async () =>
        {
            var caller = await callers.RequireAsync(cancellationToken);
            var target = Target(user_id, username) ?? OwnUser(caller);
            if (!string.Equals(target, caller.Subject, StringComparison.Ordinal))
            {
                await permissions.DemandAsync(caller.Subject, Permissions.UsersRead, "list_sessions", callers.RequestContext(), cancellationToken);
                _ = accounts.GetById(target);
            }

            return SessionListOutput.From(target, sessions.List(target, include_ended), caller.SessionId);
        });

    [McpServerTool(Name = "revoke_session", Title = "Revoke sessions", UseStructuredContent = true, OutputSchemaType = typeof(SessionsRevokedOutput),
        ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false)]
    [RequiresCaller]
    [Description("Revokes one session (session_id) or every session of a user (all=true with user_id or username; without them, the caller's own). " +
        "Its refresh tokens and access tokens stop working at once. One's own always; another user's need users:manage.")]
    public Task<CallToolResult> RevokeSessionAsync(
        [Description("The session id (sid) to revoke."), StringLength(InputLimits.SessionId)] string? session_id = null,
        [Description("Revoke every session of the user instead of one.")] bool all = false,
        [Description("With all: the user's id (usr_...)."), StringLength(InputLimits.UserId)] string? user_id = null,
        [Description("With all: the user's username."), StringLength(InputLimits.Username)] string? username = null,
        CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(logger, "revoke_session", async () =>
        {
            var caller = await callers.RequireAsync(cancellationToken);
            var actor = Actor(caller);
            if (all == (session_id is { Length: > 0 }))
            {
                throw new SecurityException(SecurityErrorCodes.ValidationFailed, "Give either 'session_id' or 'all': true (with 'user_id' or 'username' for another user).");
            }

            if (!all)
            {
                var id = ToolInput.Require(session_id, nameof(session_id), InputLimits.SessionId);
                var mayManage = permissions.Check(caller.Subject, Permissions.UsersManage).IsAllowed;
                var wasActive = sessions.Find(id)?.Status == "active";
                var session = await sessions.RevokeAsync(id, actor, mayManage ? null : caller.Subject, cancellationToken);
                return new SessionsRevokedOutput(session.UserId, wasActive ? 1 : 0);
            }

            var target = Target(user_id, username) ?? OwnUser(caller);
            if (!string.Equals(target, caller.Subject, StringComparison.Ordinal))
            {
                await permissions.DemandAsync(caller.Subject, Permissions.UsersManage, "revoke_session", callers.RequestContext(), cancellationToken);
                _ = accounts.GetById(target);
            }

            return new SessionsRevokedOutput(target, await sessions.RevokeAllAsync(target, actor, SessionEndReasons.Revoked, null, cancellationToken));
        });

    private ActingPrincipal Actor(Caller caller)
    {
        var context = callers.RequestContext();
        return ActingPrincipal.Subject(caller.Subject, context.Address, context.RequestId);
    }

    /// <summary>Resolves at most one of user_id and username to a user id; null when neither is given.</summary>
    private string? Target(string? userId, string? username)
    {
        if (!string.IsNullOrEmpty(userId) && !string.IsNullOrEmpty(username))
        {
            throw new SecurityException(SecurityErrorCodes.ValidationFailed, "Give at most one of 'user_id' and 'username'.");
        }

        if (!string.IsNullOrEmpty(userId))
        {
            return ToolInput.Require(userId, "user_id", InputLimits.UserId);
        }

        if (string.IsNullOrEmpty(username))
        {
            return null;
        }

        return accounts.FindByUsername(ToolInput.Require(username, "username", InputLimits.Username))?.Id
            ?? throw new SecurityException(SecurityErrorCodes.NotFound, $"No user with username '{username}'.", new Dictionary<string, object?> { ["field"] = "username" });
    }

    private static string OwnUser(Caller caller) => caller.Subject.StartsWith("usr_", StringComparison.Ordinal)
        ? caller.Subject
        : throw new SecurityException(SecurityErrorCodes.ValidationFailed, "The caller is a client (agent or service) and has no sessions: give 'user_id' or 'username'.");
}
