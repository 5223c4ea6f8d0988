using System.Globalization;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.Server.Authorization;
using McpSecurity.Server.Mcp;

namespace McpSecurity.Server.Http;

/// <summary>
/// User management under <c>/api/v1/users</c>: list (paging, filters), get (users:read); create, update, disable, soft
/// delete, set password, revoke all sessions (users:manage). The rules live in <see cref="IAccountService"/>.
/// </summary>
internal static class UserEndpoints
{
    public static RouteGroupBuilder MapUserEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/users", List).RequirePermission(Permissions.UsersRead);
        api.MapPost("/users", CreateAsync).RequirePermission(Permissions.UsersManage);
        api.MapGet("/users/{id}", Get).RequirePermission(Permissions.UsersRead);
        api.MapPatch("/users/{id}", UpdateAsync).RequirePermission(Permissions.UsersManage);
        api.MapDelete("/users/{id}", DeleteAsync).RequirePermission(Permissions.UsersManage);
        api.MapPost("/users/{id}/disable", DisableAsync).RequirePermission(Permissions.UsersManage);
        api.MapPost("/users/{id}/password", SetPasswordAsync).RequirePermission(Permissions.UsersManage);
        api.MapGet("/users/{id}/sessions", ListSessions).RequirePermission(Permissions.UsersRead);
        api.MapDelete("/users/{id}/sessions", RevokeSessionsAsync).RequirePermission(Permissions.UsersManage);
        return api;
    }

    private static IResult List(HttpContext context, IAccountService accounts)
    {
        var query = context.Request.Query;
        var limitText = query["limit"].ToString();
        var limit = 50;
        if (limitText.Length > 0 && !int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit))
        {
            return ApiErrors.Validation(context, "limit", $"must be a whole number between 1 and {UserListQuery.MaxLimit}");
        }

        var invalid = RequestInput.Optional(context, "cursor", query["cursor"], InputLimits.Cursor)
            ?? RequestInput.Optional(context, "status", query["status"], InputLimits.Status)
            ?? RequestInput.Optional(context, "role", query["role"], InputLimits.Role)
            ?? RequestInput.Optional(context, "q", query["q"], InputLimits.Search);
        if (invalid is not null)
        {
            return invalid;
        }

        var page = accounts.List(new UserListQuery
        {
            Limit = limit,
            Cursor = Value(query["cursor"]),
            Status = Value(query["status"]),
            Role = Value(query["role"]),
            Search = Value(query["q"]),
        });
        return Results.Json(UserListOutput.From(page), WireJson.Options);
    }

    private static IResult Get(HttpContext context, string id, IAccountService accounts) =>
        CheckId(context, id) ?? Results.Json(UserOutput.From(accounts.GetById(id)), WireJson.Options);

    private static async Task<IResult> CreateAsync(HttpContext context, IAccountService accounts)
    {
        var (body, error) = await RequestInput.ReadJsonAsync<CreateUserRequest>(context);
        if (error is not null)
        {
            return error;
        }

        var invalid = RequestInput.Require(context, "username", body!.Username, InputLimits.Username)
            ?? RequestInput.Require(context, "password", body.Password, InputLimits.Password)
            ?? RequestInput.Optional(context, "display_name", body.DisplayName, InputLimits.DisplayName)
            ?? RequestInput.Optional(context, "email", body.Email, InputLimits.Email);
        if (invalid is not null)
        {
            return invalid;
        }

        if (body.Roles is { } roles && (roles.Length > 32 || roles.Any(r => r is null || r.Length > InputLimits.Role)))
        {
            return ApiErrors.Validation(context, "roles", "must list at most 32 role names (GET /api/v1/roles shows them)");
        }

        var user = await accounts.CreateAsync(RoleEndpoints.Actor(context), new NewUser
        {
            Username = body.Username!,
            Password = body.Password!,
            Roles = body.Roles ?? [],
            DisplayName = body.DisplayName,
            Email = body.Email,
            MustChangePassword = body.MustChangePassword,
        }, context.RequestAborted);
        return Results.Json(UserOutput.From(user), WireJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, string id, IAccountService accounts)
    {
        if (CheckId(context, id) is { } bad)
        {
            return bad;
        }

        var (body, error) = await RequestInput.ReadJsonAsync<UpdateUserRequest>(context);
        if (error is not null)
        {
            return error;
        }

        var invalid = RequestInput.Optional(context, "display_name", body!.DisplayName, InputLimits.DisplayName)
            ?? RequestInput.Optional(context, "email", body.Email, InputLimits.Email)
            ?? RequestInput.Optional(context, "status", body.Status, InputLimits.Status);
        if (invalid is not null)
        {
            return invalid;
        }

        var user = await accounts.UpdateAsync(RoleEndpoints.Actor(context), id, new UserProfileUpdate
        {
            DisplayName = body.DisplayName,
            Email = body.Email,
            Status = body.Status,
        }, context.RequestAborted);
        return Results.Json(UserOutput.From(user), WireJson.Options);
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string id, IAccountService accounts)
    {
        if (CheckId(context, id) is { } bad)
        {
            return bad;
        }

        await accounts.DeleteAsync(RoleEndpoints.Actor(context), id, context.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> DisableAsync(HttpContext context, string id, IAccountService accounts)
    {
        if (CheckId(context, id) is { } bad)
        {
            return bad;
        }

        var user = await accounts.DisableAsync(RoleEndpoints.Actor(context), id, context.RequestAborted);
        return Results.Json(UserOutput.From(user), WireJson.Options);
    }

    private static async Task<IResult> SetPasswordAsync(HttpContext context, string id, IAccountService accounts)
    {
        if (CheckId(context, id) is { } bad)
        {
            return bad;
        }

        var (body, error) = await RequestInput.ReadJsonAsync<SetPasswordRequest>(context);
        if (error is not null)
        {
            return error;
        }

        if (RequestInput.Require(context, "password", body!.Password, InputLimits.Password) is { } invalid)
        {
            return invalid;
        }

        var ended = await accounts.SetPasswordAsync(RoleEndpoints.Actor(context), id, body.Password!, body.MustChangePassword, context.RequestAborted);
        return Results.Json(new SessionsRevokedOutput(id, ended), WireJson.Options);
    }

    private static IResult ListSessions(HttpContext context, string id, IAccountService accounts, ISessionService sessions)
    {
        if (CheckId(context, id) is { } bad)
        {
            return bad;
        }

        var user = accounts.GetById(id);
        var includeEnded = string.Equals(context.Request.Query["include_ended"], "true", StringComparison.OrdinalIgnoreCase);
        var caller = CallerClaims.ToCaller(context.User);
        return Results.Json(SessionListOutput.From(user.Id, sessions.List(user.Id, includeEnded), caller?.SessionId), WireJson.Options);
    }

    private static async Task<IResult> RevokeSessionsAsync(HttpContext context, string id, IAccountService accounts, ISessionService sessions)
    {
        if (CheckId(context, id) is { } bad)
        {
            return bad;
        }

        var user = accounts.GetById(id);
        var ended = await sessions.RevokeAllAsync(user.Id, RoleEndpoints.Actor(context), SessionEndReasons.Revoked, null, context.RequestAborted);
        return Results.Json(new SessionsRevokedOutput(user.Id, ended), WireJson.Options);
    }

    private static IResult? CheckId(HttpContext context, string id) =>
        id.Length > InputLimits.UserId ? ApiErrors.Validation(context, "id", $"must be at most {InputLimits.UserId} characters") : null;

    private static string? Value(Microsoft.Extensions.Primitives.StringValues value) => value.Count == 0 || string.IsNullOrEmpty(value[0]) ? null : value[0];
}
