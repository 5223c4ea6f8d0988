using System.Net;

namespace McpSecurity.Server.Monitoring;

/// <summary>The networks of <see cref="MetricsOptions.AllowedNetworks"/>, parsed once.</summary>
internal sealed class MetricsNetworks
{
    private static readonly IPNetwork[] Loopback = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];
    private readonly IPNetwork[] _networks;

    public MetricsNetworks(MetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _networks = options.AllowedNetworks.Length == 0
            ? Loopback
            : [.. options.AllowedNetworks.Select(Parse).OfType<IPNetwork>()];
    }

    /// <summary>Parses an address (a network of one) or a CIDR network without host bits; null when it is neither (or is <c>none</c>).</summary>
    public static IPNetwork? Parse(string? entry)
    {
        if (string.IsNullOrWhiteSpace(entry))
        {
            return null;
        }

        var slash = entry.IndexOf('/', StringComparison.Ordinal);
        if (!IPAddress.TryParse(slash < 0 ? entry : entry[..slash], out var address))
        {
            return null;
        }

        var bits = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
        var prefix = bits;
        if (slash >= 0 && (!int.TryParse(entry[(slash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out prefix) || prefix > bits))
        {
            return null;
        }

        // Bits set beyond the prefix (10.0.0.1/8) are refused rather than silently widened or narrowed.
        var bytes = address.GetAddressBytes();
        for (var bit = prefix; bit < bits; bit++)
        {
            if ((bytes[bit / 8] & (0x80 >> (bit % 8))) != 0)
            {
                return null;
            }
        }

        return new IPNetwork(address, prefix);
    }

    /// <summary>Gets whether <paramref name="address"/> is in an allowed network (an IPv4-mapped IPv6 address counts as IPv4).</summary>
    public bool Contains(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        foreach (var network in _networks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
