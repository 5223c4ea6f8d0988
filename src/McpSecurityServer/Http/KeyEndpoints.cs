using McpSecurity.SecurityCore.Tokens;
using McpSecurity.Server.Mcp;

namespace McpSecurity.Server.Http;

/// <summary><c>GET /api/v1/keys</c> and <c>POST /api/v1/keys/rotate</c> (admin role).</summary>
internal static partial class KeyEndpoints
{
    public static RouteGroupBuilder MapKeyEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var keys = api.MapGroup("/keys").RequireAuthorization(BearerTokenDefaults.AdminPolicy);
        keys.MapGet("", List);
        keys.MapPost("/rotate", Rotate);
        return api;
    }

    private static IResult List(ISigningKeyService keys) =>
        Results.Json(new { keys = keys.List().Select(SigningKeyOutput.From).ToArray() }, WireJson.Options);

    private static IResult Rotate(HttpContext context, ISigningKeyService keys, ILoggerFactory loggers)
    {
        var key = keys.Rotate();
        var subject = context.User.FindFirst(CallerClaims.Subject)?.Value ?? "unknown";
        var logger = loggers.CreateLogger(typeof(KeyEndpoints).FullName!);
        LogRotated(logger, key.KeyId, subject);
        return Results.Json(SigningKeyOutput.From(key), WireJson.Options);
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Signing key rotated over REST: new key {KeyId} by {Subject}")]
    private static partial void LogRotated(ILogger logger, string keyId, string subject);
}
