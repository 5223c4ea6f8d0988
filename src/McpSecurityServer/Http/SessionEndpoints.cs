using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.Server.Authorization;
using McpSecurity.Server.Mcp;

namespace McpSecurity.Server.Http;

/// <summary>
/// <c>GET /api/v1/sessions[?user_id=]</c> and <c>DELETE /api/v1/sessions/{id}</c>: one's own sessions for any caller;
/// another user's need <c>users:read</c> (list) or <c>users:manage</c> (revoke), checked by the one permission check.
/// </summary>
internal static class SessionEndpoints
{
    public static RouteGroupBuilder MapSessionEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/sessions", ListAsync).RequireCaller();
        api.MapDelete("/sessions/{id}", RevokeAsync).RequireCaller();
        return api;
    }

    private static async Task<IResult> ListAsync(HttpContext context, ISessionService sessions, IAccountService accounts, IPermissionChecker permissions)
    {
        var caller = CallerClaims.ToCaller(context.User) ?? throw new SecurityException(SecurityErrorCodes.AuthRequired, "A bearer access token is required.");
        var userId = context.Request.Query["user_id"].ToString();
        if (RequestInput.Optional(context, "user_id", userId, InputLimits.UserId) is { } invalid)
        {
            return invalid;
        }

        var target = userId.Length == 0 ? caller.Subject : userId;
        if (!string.Equals(target, caller.Subject, StringComparison.Ordinal))
        {
            await permissions.DemandAsync(caller.Subject, Permissions.UsersRead, "GET /api/v1/sessions", RequestFacts.For(context), context.RequestAborted);
            _ = accounts.GetById(target);
        }

        var includeEnded = string.Equals(context.Request.Query["include_ended"], "true", StringComparison.OrdinalIgnoreCase);
        return Results.Json(SessionListOutput.From(target, sessions.List(target, includeEnded), caller.SessionId), WireJson.Options);
    }

    private static async Task<IResult> RevokeAsync(HttpContext context, string id, ISessionService sessions, IPermissionChecker permissions)
    {
        var caller = CallerClaims.ToCaller(context.User) ?? throw new SecurityException(SecurityErrorCodes.AuthRequired, "A bearer access token is required.");
        if (id.Length > InputLimits.SessionId)
        {
            return ApiErrors.Validation(context, "id", $"must be at most {InputLimits.SessionId} characters");
        }

        // Without users:manage only one's own sessions exist for the caller (others' answer NOT_FOUND, like unknown ids).
        var mayManage = permissions.Check(caller.Subject, Permissions.UsersManage).IsAllowed;
        var actor = ActingPrincipal.Subject(caller.Subject, context.Connection.RemoteIpAddress?.ToString(), context.TraceIdentifier);
        var session = await sessions.RevokeAsync(id, actor, mayManage ? null : caller.Subject, context.RequestAborted);
        return Results.Json(SessionOutput.From(session, caller.SessionId), WireJson.Options);
    }
}
