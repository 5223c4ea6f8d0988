using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.Server.Authorization;

namespace McpSecurity.Server.Http;

/// <summary><c>POST /api/v1/users/{id}/unlock</c> (users:manage): lifts a lockout after failed attempts.</summary>
internal static class LockoutEndpoints
{
    public static RouteGroupBuilder MapLockoutEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/users/{id}/unlock", UnlockAsync).RequirePermission(Permissions.UsersManage);
        return api;
    }

    private static async Task<IResult> UnlockAsync(HttpContext context, string id, IAccountLockout lockout, IUserService users)
    {
        if (id.Length > InputLimits.UserId)
        {
            return ApiErrors.Validation(context, "id", $"must be at most {InputLimits.UserId} characters");
        }

        var wasLocked = await lockout.UnlockAsync(id, RoleEndpoints.Actor(context), context.RequestAborted);
        var status = users.FindById(id)?.Status ?? throw new SecurityException(SecurityErrorCodes.NotFound, $"No user with id '{id}'.");
        return Results.Json(new UnlockOutput(id, wasLocked, status), WireJson.Options);
    }
}
