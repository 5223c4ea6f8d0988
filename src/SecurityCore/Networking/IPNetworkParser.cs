using System.Net;

namespace McpSecurity.SecurityCore.Networking;

/// <summary>The one parser and matcher of configured addresses and CIDR networks (trusted proxies, metrics and detection allow-lists).</summary>
/// <remarks>
/// An address is a network of one (<c>/32</c> or <c>/128</c>); a CIDR network goes through <see cref="IPNetwork.TryParse(string?, out IPNetwork)"/>,
/// which clears bits set beyond the prefix (<c>10.0.0.1/8</c> is <c>10.0.0.0/8</c>); <see cref="TryParseExact"/> refuses
/// such an entry instead. An IPv4-mapped IPv6 address counts as its IPv4 address.
/// </remarks>
public static class IPNetworkParser
{
    /// <summary>Parses an address or a CIDR network; false when <paramref name="entry"/> is neither.</summary>
    public static bool TryParse(string? entry, out IPNetwork network)
    {
        network = default;
        if (string.IsNullOrWhiteSpace(entry))
        {
            return false;
        }

        var text = entry.Trim();
        if (text.Contains('/', StringComparison.Ordinal))
        {
            return IPNetwork.TryParse(text, out network);
        }

        if (!IPAddress.TryParse(text, out var address))
        {
            return false;
        }

        address = Normalize(address);
        network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        return true;
    }

    /// <summary>Like <see cref="TryParse"/>, but refuses a network with bits set beyond its prefix (<c>10.0.0.1/8</c>) rather than clearing them.</summary>
    public static bool TryParseExact(string? entry, out IPNetwork network)
    {
        if (!TryParse(entry, out network))
        {
            return false;
        }

        var text = entry!.Trim();
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 || (IPAddress.TryParse(text.AsSpan(0, slash), out var written) && written.Equals(network.BaseAddress));
    }

    /// <summary>Parses the entries that are valid and skips the others (the options validators report those).</summary>
    public static IPNetwork[] ParseAll(IEnumerable<string?>? entries) =>
        [.. (entries ?? []).Select(e => TryParse(e, out var network) ? network : (IPNetwork?)null).OfType<IPNetwork>()];

    /// <summary>Gets whether <paramref name="address"/> is in one of <paramref name="networks"/>.</summary>
    public static bool Contains(IReadOnlyList<IPNetwork> networks, IPAddress? address)
    {
        ArgumentNullException.ThrowIfNull(networks);
        if (address is null)
        {
            return false;
        }

        address = Normalize(address);
        for (var i = 0; i < networks.Count; i++)
        {
            if (networks[i].Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
