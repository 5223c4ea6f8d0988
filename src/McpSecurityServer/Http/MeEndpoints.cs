using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.Server.Authorization;
using McpSecurity.Server.Mcp;

namespace McpSecurity.Server.Http;

/// <summary>
/// The signed-in person's own account: <c>GET /api/v1/me</c> (profile), <c>POST /api/v1/me/password</c> (change it; the
/// other sessions end), <c>GET /api/v1/me/sessions</c>, <c>DELETE /api/v1/me/sessions/{id}</c>. Any authenticated caller;
/// agents and services (clients) have no profile and no sessions.
/// </summary>
internal static class MeEndpoints
{
    public static RouteGroupBuilder MapMeEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var me = api.MapGroup("/me").RequireCaller();
        me.MapGet("", Profile);
        me.MapPost("/password", ChangePasswordAsync);
        me.MapGet("/sessions", Sessions);
        me.MapDelete("/sessions/{id}", RevokeAsync);
        return api;
    }

    private static IResult Profile(HttpContext context, IAccountService accounts) =>
        Results.Json(UserOutput.From(accounts.GetById(RequireUser(context).Subject)), WireJson.Options);

    private static async Task<IResult> ChangePasswordAsync(HttpContext context, IAccountService accounts)
    {
        var caller = RequireUser(context);
        var (body, error) = await RequestInput.ReadJsonAsync<ChangeOwnPasswordRequest>(context);
        if (error is not null)
        {
            return error;
        }

        var invalid = RequestInput.Require(context, "current_password", body!.CurrentPassword, InputLimits.Password)
            ?? RequestInput.Require(context, "new_password", body.NewPassword, InputLimits.Password);
        if (invalid is not null)
        {
            return invalid;
        }

        var ended = await accounts.ChangeOwnPasswordAsync(caller.Subject, body.CurrentPassword!, body.NewPassword!, caller.SessionId,
            RequestFacts.For(context), context.RequestAborted);
        return Results.Json(new SessionsRevokedOutput(caller.Subject, ended), WireJson.Options);
    }

    private static IResult Sessions(HttpContext context, ISessionService sessions)
    {
        var caller = RequireUser(context);
        var includeEnded = string.Equals(context.Request.Query["include_ended"], "true", StringComparison.OrdinalIgnoreCase);
        return Results.Json(SessionListOutput.From(caller.Subject, sessions.List(caller.Subject, includeEnded), caller.SessionId), WireJson.Options);
    }

    private static async Task<IResult> RevokeAsync(HttpContext context, string id, ISessionService sessions)
    {
        var caller = RequireUser(context);
        if (id.Length > InputLimits.SessionId)
        {
            return ApiErrors.Validation(context, "id", $"must be at most {InputLimits.SessionId} characters");
        }

        var actor = ActingPrincipal.Subject(caller.Subject, context.Connection.RemoteIpAddress?.ToString(), context.TraceIdentifier);
        var session = await sessions.RevokeAsync(id, actor, ownerId: caller.Subject, context.RequestAborted);
        return Results.Json(SessionOutput.From(session, caller.SessionId), WireJson.Options);
    }

    /// <summary>The caller when it is a person; agents and services (client credentials) have no account here.</summary>
    internal static Caller RequireUser(HttpContext context)
    {
        var caller = CallerClaims.ToCaller(context.User)
            ?? throw new SecurityException(SecurityErrorCodes.AuthRequired, "A bearer access token is required.");
        return caller.Subject.StartsWith("usr_", StringComparison.Ordinal)
            ? caller
            : throw new SecurityException(SecurityErrorCodes.NotFound, "The caller is a client (agent or service), not a person: it has no profile, password or sessions here.");
    }
}
