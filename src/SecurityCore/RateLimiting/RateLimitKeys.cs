using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace McpSecurity.SecurityCore.RateLimiting;

/// <summary>Builds the counter key of a policy for a request: policy name and key parts, safe for Redis keys and hash tags.</summary>
internal static class RateLimitKeys
{
    private const int MaxPartLength = 96;

    /// <summary>Returns the key, or null when the request lacks a part the policy is keyed by (the policy then does not apply).</summary>
    public static string? Build(RateLimitPolicy policy, RateLimitRequest request)
    {
        var parts = policy.KeyBy;
        for (var i = 0; i < parts.Count; i++)
        {
            if (!Has(parts[i], policy, request))
            {
                return null;
            }
        }

        // One allocation: the key is formatted into a stack buffer and copied out once.
        var builder = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[256]);
        builder.AppendFormatted(policy.Name);
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            var value = part switch
            {
                RateLimitKeyParts.User => request.UserId,
                RateLimitKeyParts.Client => request.ClientId,
                RateLimitKeyParts.Principal => request.UserId ?? request.ClientId,
                RateLimitKeyParts.Address => GroupAddress(request.Address!, policy.Ipv4PrefixLength, policy.Ipv6PrefixLength),
                RateLimitKeyParts.Endpoint => request.Endpoint,
                RateLimitKeyParts.Tool => request.Tool,
                _ => policy.FirstHeldRole(request),
            };
            builder.AppendLiteral("|");
            builder.AppendFormatted(part[0]);
            builder.AppendLiteral("=");
            builder.AppendFormatted(Safe(value!));
        }

        return builder.ToStringAndClear();
    }

    private static bool Has(string part, RateLimitPolicy policy, RateLimitRequest request) => part switch
    {
        RateLimitKeyParts.User => !string.IsNullOrEmpty(request.UserId),
        RateLimitKeyParts.Client => !string.IsNullOrEmpty(request.ClientId),
        RateLimitKeyParts.Principal => !string.IsNullOrEmpty(request.UserId ?? request.ClientId),
        RateLimitKeyParts.Address => request.Address is not null,
        RateLimitKeyParts.Endpoint => !string.IsNullOrEmpty(request.Endpoint),
        RateLimitKeyParts.Tool => !string.IsNullOrEmpty(request.Tool),
        RateLimitKeyParts.Role => policy.FirstHeldRole(request) is { Length: > 0 },
        _ => false,
    };

    /// <summary>Groups an address by prefix: IPv4 (also IPv4-mapped IPv6) by <paramref name="ipv4Prefix"/>, IPv6 by <paramref name="ipv6Prefix"/>, written in CIDR form.</summary>
    public static string GroupAddress(IPAddress address, int ipv4Prefix, int ipv6Prefix)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            if (ipv4Prefix >= 32)
            {
                return address.ToString();
            }

            Span<byte> v4 = stackalloc byte[4];
            address.TryWriteBytes(v4, out _);
            var value = BinaryPrimitives.ReadUInt32BigEndian(v4);
            var mask = ipv4Prefix <= 0 ? 0u : uint.MaxValue << (32 - ipv4Prefix);
            BinaryPrimitives.WriteUInt32BigEndian(v4, value & mask);
            return new IPAddress(v4).ToString() + "/" + ipv4Prefix.ToString(CultureInfo.InvariantCulture);
        }

        Span<byte> v6 = stackalloc byte[16];
        address.TryWriteBytes(v6, out _);
        if (ipv6Prefix >= 128)
        {
            return new IPAddress(v6).ToString();
        }

        for (var bit = Math.Max(0, ipv6Prefix); bit < 128; bit++)
        {
            v6[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        // The scope id is dropped: it names a local interface, not a sender.
        return new IPAddress(v6).ToString() + "/" + ipv6Prefix.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Keeps short values of safe characters; anything else (braces, separators, long or odd text) becomes a hash.</summary>
    private static string Safe(string value)
    {
        if (value.Length <= MaxPartLength && IsSafe(value))
        {
            return value;
        }

        Span<byte> hash = stackalloc byte[32];
        var bytes = Encoding.UTF8.GetBytes(value);
        SHA256.HashData(bytes, hash);
        return "#" + Convert.ToHexStringLower(hash[..12]);
    }

    private static bool IsSafe(string value)
    {
        foreach (var c in value)
        {
            var ok = char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or ':' or '/' or '@' or '*';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
