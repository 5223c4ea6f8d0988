using System.Globalization;

namespace McpSecurity.Server.Mcp;

/// <summary>Fills the default <c>Host</c> allow-list of <c>/mcp</c> from the listening URLs: loopback names with their ports.</summary>
internal static class McpEndpointDefaults
{
    private static readonly string[] LoopbackNames = ["localhost", "127.0.0.1", "[::1]"];
    private static readonly string[] WildcardHosts = ["*", "+", "0.0.0.0", "[::]"];

    /// <summary>Applies the defaults when <see cref="McpEndpointOptions.AllowedHosts"/> is empty.</summary>
    public static void Apply(McpEndpointOptions options, string urls)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.AllowedHosts.Length > 0)
        {
            return;
        }

        var hosts = new List<string>();
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (host, port) = Split(url);
            var known = port is > 0;
            foreach (var name in LoopbackNames)
            {
                hosts.Add(known ? $"{name}:{port.ToString()!}" : name);
            }

            if (host is not null && !WildcardHosts.Contains(host) && !LoopbackNames.Contains(host, StringComparer.OrdinalIgnoreCase))
            {
                hosts.Add(known ? $"{host}:{port.ToString()!}" : host);
            }
        }

        if (hosts.Count == 0)
        {
            hosts.AddRange(LoopbackNames);
        }

        options.AllowedHosts = [.. hosts.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    // Kestrel URLs may hold '*' or '+' hosts, which Uri does not parse; split by hand.
    private static (string? Host, int? Port) Split(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            return (null, null);
        }

        var scheme = url[..schemeEnd];
        var authority = url[(schemeEnd + 3)..];
        var slash = authority.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            authority = authority[..slash];
        }

        var portSeparator = authority.LastIndexOf(':');
        var bracketEnd = authority.LastIndexOf(']');
        if (portSeparator > bracketEnd && int.TryParse(authority[(portSeparator + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            return (authority[..portSeparator], port);
        }

        var defaultPort = scheme.Equals("https", StringComparison.OrdinalIgnoreCase) ? 443 : 80;
        return (authority, defaultPort);
    }
}
