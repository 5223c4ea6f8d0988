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

    /// <summary>Parses an address (a network of one) or a CIDR network; null when it is neither (or is <c>none</c>).</summary>
    public static IPNetwork? Parse(string? entry)
    {
        if (string.IsNullOrWhiteSpace(entry))
        {
            return null;
        }

        if (IPNetwork.TryParse(entry, out var network))
        {
            return network;
        }

        return IPAddress.TryParse(entry, out var address)
            ? new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)
            : null;
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
