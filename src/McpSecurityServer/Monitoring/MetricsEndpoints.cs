using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Monitoring;
using McpSecurity.Server.Authorization;
using McpSecurity.Server.Http;
using Microsoft.Extensions.Options;

namespace McpSecurity.Server.Monitoring;

/// <summary><c>GET /metrics</c>: the Prometheus text format, for allow-listed addresses or a bearer with <c>metrics:read</c>.</summary>
/// <remarks>
/// Outside <c>/api</c>, <c>/oauth</c> and <c>/mcp</c>, so no rate-limit policy counts scrapes. A caller from an allowed network
/// (default loopback) needs nothing; any other caller needs a bearer token whose subject holds <c>metrics:read</c> (unless
/// <c>Metrics:AllowBearer</c> is false): 401 <c>AUTH_REQUIRED</c> without one, 403 <c>INSUFFICIENT_PERMISSIONS</c> when it
/// lacks the permission, 403 <c>METRICS_ADDRESS_NOT_ALLOWED</c> when tokens are not accepted.
/// </remarks>
internal static class MetricsEndpoints
{
    /// <summary>The path of the endpoint.</summary>
    public const string Path = "/metrics";

    public static IEndpointRouteBuilder MapMetricsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (!endpoints.ServiceProvider.GetRequiredService<IOptions<MetricsOptions>>().Value.Enabled)
        {
            return endpoints;
        }

        // Created now, not at the first scrape: measurements made before the listener exists would be lost.
        endpoints.ServiceProvider.GetRequiredService<PrometheusMeterBridge>();
        endpoints.MapGet(Path, ScrapeAsync).RequirePermission(Permissions.MetricsRead);
        return endpoints;
    }

    private static async Task<IResult> ScrapeAsync(HttpContext context, PrometheusMeterBridge bridge, MetricsNetworks networks,
        IOptions<MetricsOptions> options, IPermissionChecker permissions, ServerEndpoints server)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (!networks.Contains(context.Connection.RemoteIpAddress))
        {
            if (!options.Value.AllowBearer)
            {
                return ApiErrors.Result(context, StatusCodes.Status403Forbidden, SecurityErrorCodes.MetricsAddressNotAllowed,
                    "This address may not scrape /metrics (Metrics:AllowedNetworks).");
            }

            if (CallerClaims.ToCaller(context.User) is not { } caller)
            {
                context.Response.Headers.WWWAuthenticate =
                    $"Bearer resource_metadata=\"{server.Url(ServerEndpoints.ProtectedResourceMetadataPath)}\"";
                return ApiErrors.Result(context, StatusCodes.Status401Unauthorized, SecurityErrorCodes.AuthRequired,
                    "Scraping /metrics from this address needs a bearer token with the permission metrics:read.");
            }

            try
            {
                await permissions.DemandAsync(caller.Subject, Permissions.MetricsRead, $"GET {Path}", RequestFacts.For(context), context.RequestAborted);
            }
            catch (SecurityException ex) when (ex.Code == SecurityErrorCodes.InsufficientPermissions)
            {
                context.Response.Headers.WWWAuthenticate =
                    $"Bearer error=\"insufficient_scope\", resource_metadata=\"{server.Url(ServerEndpoints.ProtectedResourceMetadataPath)}\"";
                return ApiErrors.Result(context, StatusCodes.Status403Forbidden, ex.Code, ex.Message, ex.Details);
            }
        }

        // Buffered, so a failing collection answers 500 rather than a truncated scrape.
        using var buffer = new MemoryStream();
        await bridge.CollectAndExportAsTextAsync(buffer, context.RequestAborted);
        return Results.Bytes(buffer.ToArray(), PrometheusMeterBridge.ContentType);
    }
}
