using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.Server.Http;

namespace McpSecurity.Server.Authorization;

/// <summary>
/// Enforces the declaration of every <c>/api/v1</c> endpoint (<see cref="EndpointPermissionExtensions"/>) through the
/// one <see cref="IPermissionChecker"/>; an endpoint that declares nothing is refused (fail closed).
/// </summary>
/// <remarks>A refusal answers 403 with the error envelope naming the permission and <c>WWW-Authenticate: Bearer error="insufficient_scope"</c>.</remarks>
internal sealed partial class PermissionEndpointFilter(IPermissionChecker checker, ServerEndpoints endpoints, ILogger<PermissionEndpointFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var endpoint = http.GetEndpoint();
        var requirement = CallRequirement.From(endpoint?.Metadata ?? new EndpointMetadataCollection());
        var operation = $"{http.Request.Method} {(endpoint as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value}";
        switch (requirement.Kind)
        {
            case CallRequirementKind.Anonymous:
                return await next(context);
            case CallRequirementKind.Undeclared:
                LogUndeclared(logger, operation);
                return Forbidden(http, SecurityErrorCodes.InsufficientPermissions, "This endpoint declares no permission, so it is refused.", null);
        }

        if (CallerClaims.ToCaller(http.User) is not { } caller)
        {
            // The group's authentication policy answers first; this only guards against a misconfigured route.
            return ApiErrors.Result(http, SecurityErrorCodes.AuthRequired, "This endpoint needs an access token: send 'Authorization: Bearer <token>'.");
        }

        if (requirement.Kind == CallRequirementKind.Permission)
        {
            try
            {
                await checker.DemandAsync(caller.Subject, requirement.Permission!, operation, RequestFacts.For(http), http.RequestAborted);
            }
            catch (SecurityException ex) when (ex.Code == SecurityErrorCodes.InsufficientPermissions)
            {
                return Forbidden(http, ex.Code, ex.Message, ex.Details);
            }
        }

        return await next(context);
    }

    private IResult Forbidden(HttpContext http, string code, string message, IReadOnlyDictionary<string, object?>? details)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.WWWAuthenticate =
            $"Bearer error=\"insufficient_scope\", resource_metadata=\"{endpoints.Url(ServerEndpoints.ProtectedResourceMetadataPath)}\"";
        return ApiErrors.Result(http, StatusCodes.Status403Forbidden, code, message, details);
    }

    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "Endpoint {Operation} declares no permission; refused")]
    private static partial void LogUndeclared(ILogger logger, string operation);
}
