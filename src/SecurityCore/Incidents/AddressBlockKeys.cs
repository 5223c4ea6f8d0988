using System.Net;
using McpSecurity.SecurityCore.RateLimiting;

namespace McpSecurity.SecurityCore.Incidents;

/// <summary>The key a block is held under: an IPv4 address as written, an IPv6 address as its /64 (one subscriber's network).</summary>
internal static class AddressBlockKeys
{
    /// <summary>The IPv6 prefix blocks are grouped by.</summary>
    public const int Ipv6Prefix = 64;

    /// <summary>Returns the key of an address or network (<c>2001:db8::1</c> and <c>2001:db8::/64</c> give the same), or null when it is no IP address.</summary>
    public static string? Of(string? address)
    {
        if (string.IsNullOrWhiteSpace(address) || address.Length > 64)
        {
            return null;
        }

        var slash = address.IndexOf('/', StringComparison.Ordinal);
        var text = slash >= 0 ? address[..slash] : address;
        if (!IPAddress.TryParse(text, out var ip))
        {
            return null;
        }

        return RateLimitKeys.GroupAddress(ip, 32, Ipv6Prefix);
    }

    /// <summary>Returns the key of an address or network, or throws <c>VALIDATION_FAILED</c> when it is no IP address.</summary>
    public static string Require(string address) => Of(address)
        ?? throw new SecurityException(SecurityErrorCodes.ValidationFailed, "address must be an IPv4 or IPv6 address (an IPv6 address is blocked with its /64).",
            new Dictionary<string, object?> { ["field"] = "address" });
}
