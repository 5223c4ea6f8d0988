using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.Server.Authorization;
using McpSecurity.Server.Mcp;

namespace McpSecurity.Server.Http;

/// <summary>
/// <c>GET /api/v1/roles</c> (users:read), <c>POST /api/v1/roles</c> (roles:manage), and role assignment on users and
/// clients: <c>POST /api/v1/users/{id}/roles</c>, <c>DELETE /api/v1/users/{id}/roles/{role}</c>, the same under
/// <c>/api/v1/clients/{id}</c> (roles:assign). The rules (granting only what one holds, last admin) live in <see cref="IRoleService"/>.
/// </summary>
internal static class RoleEndpoints
{
    public static RouteGroupBuilder MapRoleEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/roles", List).RequirePermission(Permissions.UsersRead);
        api.MapPost("/roles", CreateAsync).RequirePermission(Permissions.RolesManage);
        api.MapPost("/users/{id}/roles", (HttpContext context, string id, IRoleService roles) => AssignAsync(context, RoleHolder.User(id), roles))
            .RequirePermission(Permissions.RolesAssign);
        api.MapDelete("/users/{id}/roles/{role}", (HttpContext context, string id, string role, IRoleService roles) => RevokeAsync(context, RoleHolder.User(id), role, roles))
            .RequirePermission(Permissions.RolesAssign);
        api.MapPost("/clients/{id}/roles", (HttpContext context, string id, IRoleService roles) => AssignAsync(context, RoleHolder.Client(id), roles))
            .RequirePermission(Permissions.RolesAssign);
        api.MapDelete("/clients/{id}/roles/{role}", (HttpContext context, string id, string role, IRoleService roles) => RevokeAsync(context, RoleHolder.Client(id), role, roles))
            .RequirePermission(Permissions.RolesAssign);
        return api;
    }

    private static IResult List(IRoleService roles) => Results.Json(RoleListOutput.From(roles.List()), WireJson.Options);

    private static async Task<IResult> CreateAsync(HttpContext context, IRoleService roles)
    {
        var (body, error) = await RequestInput.ReadJsonAsync<CreateRoleRequest>(context);
        if (error is not null)
        {
            return error;
        }

        var invalid = RequestInput.Require(context, "name", body!.Name, InputLimits.Role)
            ?? RequestInput.Optional(context, "description", body.Description, InputLimits.Description);
        if (invalid is not null)
        {
            return invalid;
        }

        if (body.Permissions is not { Length: > 0 } permissions || permissions.Any(p => p is null || p.Length > InputLimits.Permission))
        {
            return ApiErrors.Validation(context, "permissions", "must list catalogue permissions (GET /api/v1/roles shows them)");
        }

        var role = await roles.CreateAsync(Actor(context), body.Name!, permissions, body.Description, context.RequestAborted);
        return Results.Json(RoleOutput.From(role), WireJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> AssignAsync(HttpContext context, RoleHolder holder, IRoleService roles)
    {
        var (body, error) = await RequestInput.ReadJsonAsync<RoleRequest>(context);
        if (error is not null)
        {
            return error;
        }

        if (RequestInput.Require(context, "role", body!.Role, InputLimits.Role) is { } invalid)
        {
            return invalid;
        }

        var result = await roles.AssignAsync(Actor(context), holder, body.Role!, context.RequestAborted);
        return Results.Json(RoleAssignmentOutput.From(result), WireJson.Options);
    }

    private static async Task<IResult> RevokeAsync(HttpContext context, RoleHolder holder, string role, IRoleService roles)
    {
        var result = await roles.RevokeAsync(Actor(context), holder, role, context.RequestAborted);
        return Results.Json(RoleAssignmentOutput.From(result), WireJson.Options);
    }

    /// <summary>The caller of an endpoint that <see cref="PermissionEndpointFilter"/> has let through (always authenticated).</summary>
    internal static ActingPrincipal Actor(HttpContext context)
    {
        var caller = CallerClaims.ToCaller(context.User)
            ?? throw new SecurityException(SecurityErrorCodes.AuthRequired, "This endpoint needs an access token.");
        return ActingPrincipal.Subject(caller.Subject, context.Connection.RemoteIpAddress?.ToString(), context.TraceIdentifier);
    }
}
