using McpSecurity.SecurityCore;
using McpSecurity.Server.Http;
using Microsoft.Extensions.Options;

namespace McpSecurity.Server.Mcp;

/// <summary>DNS-rebinding protection for <c>/mcp</c>: the <c>Host</c> and any <c>Origin</c> must be on the allow-list.</summary>
/// <remarks>Requests without <c>Origin</c> come from non-browser clients and are accepted; the MCP specification requires the check.</remarks>
internal sealed partial class McpRequestGuardMiddleware(RequestDelegate next, IOptions<McpEndpointOptions> options, ILogger<McpRequestGuardMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = options.Value;
        var host = context.Request.Host;
        if (!host.HasValue || !HostAllowed(settings.AllowedHosts, host.Host, host.Port ?? DefaultPort(context.Request.Scheme)))
        {
            LogRefused(logger, "host", host.Value ?? "");
            return ApiErrors.WriteAsync(context, StatusCodes.Status403Forbidden, SecurityErrorCodes.HostNotAllowed,
                "The Host header is not allowed for the MCP endpoint.");
        }

        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length > 0 && !OriginAllowed(settings, origin))
        {
            LogRefused(logger, "origin", origin);
            return ApiErrors.WriteAsync(context, StatusCodes.Status403Forbidden, SecurityErrorCodes.OriginNotAllowed,
                "The Origin is not allowed for the MCP endpoint.");
        }

        return next(context);
    }

    internal static bool OriginAllowed(McpEndpointOptions settings, string origin)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return false;
        }

        if (settings.AllowedOrigins.Length > 0)
        {
            var normalized = uri.GetLeftPart(UriPartial.Authority);
            return settings.AllowedOrigins.Any(o =>
                Uri.TryCreate(o, UriKind.Absolute, out var allowed)
                && string.Equals(allowed.GetLeftPart(UriPartial.Authority), normalized, StringComparison.OrdinalIgnoreCase));
        }

        var originHost = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host : uri.IdnHost;
        return HostAllowed(settings.AllowedHosts, originHost, uri.Port);
    }

    internal static bool HostAllowed(IReadOnlyList<string> allowedHosts, string host, int port)
    {
        foreach (var entry in allowedHosts)
        {
            var separator = entry.LastIndexOf(':');
            var bracketEnd = entry.LastIndexOf(']');
            if (separator > bracketEnd)
            {
                if (string.Equals(entry[..separator], host, StringComparison.OrdinalIgnoreCase)
                    && entry[(separator + 1)..] == port.ToString(System.Globalization.CultureInfo.InvariantCulture))
                {
                    return true;
                }
            }
            else if (string.Equals(entry, host, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static int DefaultPort(string scheme) => scheme == Uri.UriSchemeHttps ? 443 : 80;

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "MCP request refused: {Kind} {Value} is not on the allow-list")]
    private static partial void LogRefused(ILogger logger, string kind, string value);
}
