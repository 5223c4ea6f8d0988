using System.Globalization;

namespace McpSecurity.Server.Hosting;

/// <summary>Derives this server's public base URL from its first listen URL, for an issuer nobody configured.</summary>
internal static class PublicAddress
{
    /// <summary>Gets <c>scheme://host:port</c> of the first listen URL, or null when it has no fixed port.</summary>
    /// <remarks>Wildcard hosts (<c>*</c>, <c>+</c>, <c>0.0.0.0</c>, <c>[::]</c>) become the loopback address: a server
    /// reachable from elsewhere must configure <c>Tokens:Issuer</c> and <c>Tokens:Audience</c>.</remarks>
    public static string? FromUrls(string urls)
    {
        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null)
        {
            return null;
        }

        var normalized = first
            .Replace("://*:", "://127.0.0.1:", StringComparison.Ordinal)
            .Replace("://+:", "://127.0.0.1:", StringComparison.Ordinal)
            .Replace("://0.0.0.0:", "://127.0.0.1:", StringComparison.Ordinal)
            .Replace("://[::]:", "://[::1]:", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri) || uri.Port <= 0
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{uri.Scheme}://{uri.Authority}");
    }
}
