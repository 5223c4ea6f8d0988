using System.Net;
using McpSecurity.SecurityCore.Networking;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Detection;

/// <summary>The addresses and networks that are never blocked (<see cref="DetectionOptions.AllowList"/>).</summary>
internal sealed class AddressAllowList
{
    private readonly IPNetwork[] _networks;

    public AddressAllowList(IOptions<DetectionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _networks = IPNetworkParser.ParseAll(options.Value.AllowList);
    }

    /// <summary>Gets whether <paramref name="address"/> (an address, or a network such as <c>2001:db8::/64</c>) is allow-listed or holds an allow-listed address.</summary>
    public bool Contains(string? address)
    {
        if (_networks.Length == 0 || !TryParseEntry(address, out var candidate))
        {
            return false;
        }

        foreach (var network in _networks)
        {
            if (network.Contains(candidate.BaseAddress) || candidate.Contains(network.BaseAddress))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Parses an allow-list entry: an address (a /32 or /128) or a CIDR network.</summary>
    public static bool TryParseEntry(string? entry, out IPNetwork network) => IPNetworkParser.TryParse(entry, out network);
}
