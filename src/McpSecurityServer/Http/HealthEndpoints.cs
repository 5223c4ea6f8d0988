using McpSecurity.SecurityCore.RateLimiting;
using McpSecurity.SecurityCore.Storage;
using McpSecurity.SecurityCore.Tokens;
using McpSecurity.Server.Hosting;

namespace McpSecurity.Server.Http;

/// <summary><c>/healthz</c> (the process is up) and <c>/readyz</c> (store open and an active signing key; the rate-limit store's state is shown).</summary>
/// <remarks>
/// A degraded rate-limit store (Redis unreachable) does not make the instance unready: every instance shares that Redis,
/// and each policy already fails closed or falls back as configured. It shows as <c>"status": "degraded"</c> with 200.
/// </remarks>
internal static partial class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/healthz", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return Results.Json(new { status = "ok" }, WireJson.Options);
        }).AllowAnonymous();
        endpoints.MapGet("/readyz", Ready).AllowAnonymous();
        return endpoints;
    }

    private static IResult Ready(HttpContext context, ReadinessState readiness, IStoreHealth storeHealth, ISigningKeyService keys, IRateLimitStoreHealth rateLimitStore, ILoggerFactory loggers)
    {
        context.Response.Headers.CacheControl = "no-store";
        bool store;
        bool signingKey;
        try
        {
            // Until first-run initialisation has finished, neither the store nor the key ring is trusted.
            store = readiness.Initialized && storeHealth.IsOpen;
            signingKey = store && keys.HasActiveKey;
        }
        catch (Exception ex) // Readiness answers 503 whatever the store throws; the cause goes to the log.
        {
            var logger = loggers.CreateLogger(typeof(HealthEndpoints).FullName!);
            LogProbeFailed(logger, ex);
            store = false;
            signingKey = false;
        }

        var ready = store && signingKey;
        var degraded = rateLimitStore.IsDegraded;
        var rateLimit = new
        {
            kind = rateLimitStore.StoreKind,
            status = degraded ? "degraded" : "ok",
            degraded_since = rateLimitStore.DegradedSince,
            last_error = rateLimitStore.LastError,
        };
        return Results.Json(
            new { status = !ready ? "not_ready" : degraded ? "degraded" : "ready", checks = new { store, signing_key = signingKey, rate_limit_store = rateLimit } },
            WireJson.Options,
            statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "Readiness probe failed")]
    private static partial void LogProbeFailed(ILogger logger, Exception exception);
}
