using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Tokens;
using McpSecurity.Server.Authorization;
using McpSecurity.Server.Mcp;

namespace McpSecurity.Server.Http;

/// <summary><c>GET /api/v1/keys</c> (permission keys:read) and <c>POST /api/v1/keys/rotate</c> (permission keys:rotate).</summary>
internal static partial class KeyEndpoints
{
    public static RouteGroupBuilder MapKeyEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var keys = api.MapGroup("/keys");
        keys.MapGet("", List).RequirePermission(Permissions.KeysRead);
        keys.MapPost("/rotate", Rotate).RequirePermission(Permissions.KeysRotate);
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
