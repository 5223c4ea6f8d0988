using System.Globalization;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Incidents;

namespace McpSecurity.Server.Http;

/// <summary>
/// Refuses requests to <c>/api</c>, <c>/oauth</c> and <c>/mcp</c> from a blocked address before any authentication work: 403
/// <c>ADDRESS_BLOCKED</c> with <c>Retry-After</c> (seconds until the block lifts). Health and discovery endpoints stay reachable.
/// </summary>
/// <remarks>The block list answers from memory; without one registered every request passes.</remarks>
internal sealed partial class AddressBlockMiddleware(RequestDelegate next, IServiceProvider services, TimeProvider time, ILogger<AddressBlockMiddleware> logger)
{
    // Resolved on the first request, not while the pipeline is built: the block list needs the event pipeline, which the host starts.
    private readonly Lazy<IAddressBlockList?> _blocks = new(services.GetService<IAddressBlockList>);

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Request.Path;
        if (context.Connection.RemoteIpAddress is not { } remote
            || !(path.StartsWithSegments("/api") || path.StartsWithSegments("/oauth") || path.StartsWithSegments("/mcp"))
            || _blocks.Value is not { } blocks)
        {
            return next(context);
        }

        var address = (remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote).ToString();
        if (blocks.GetBlock(address) is not { } block)
        {
            return next(context);
        }

        var retryAfter = AddressBlocks.SecondsLeft(block, time.GetUtcNow());
        LogRefused(logger, path.Value, retryAfter);
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";
        return ApiErrors.WriteAsync(context, StatusCodes.Status403Forbidden, SecurityErrorCodes.AddressBlocked,
            $"Requests from this address are refused for a while (an automated response to suspicious activity); retry after {retryAfter.ToString(CultureInfo.InvariantCulture)} s.",
            new Dictionary<string, object?> { ["retry_after"] = retryAfter });
    }

    [LoggerMessage(EventId = 7451, Level = LogLevel.Debug, Message = "Blocked address refused on {Path} (block lifts in {RetryAfter} s)")]
    private static partial void LogRefused(ILogger logger, string? path, long retryAfter);
}
