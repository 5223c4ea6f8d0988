using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using McpSecurity.SecurityCore.Identity;

namespace McpSecurity.SecurityCore.RateLimiting;

/// <summary>Builds the counter key of a policy for a request: policy name and key parts, safe for Redis keys and hash tags.</summary>
internal static class RateLimitKeys
{
    private const int MaxPartLength = 96;

    /// <summary>Returns the key, or null when the request lacks a part the policy is keyed by (the policy then does not apply).</summary>
    public static string? Build(RateLimitPolicy policy, RateLimitRequest request)
    {
        var parts = policy.KeyBy;
        var segments = policy.KeySegments;
        // One or two parts (every built-in policy): each value resolved once, then one concatenation, one allocation.
        if (parts.Count == 1 && segments.Count == 1)
        {
            return Value(parts[0], policy, request) is { } only ? string.Concat(segments[0], Safe(only)) : null;
        }

        if (parts.Count == 2 && segments.Count == 2)
        {
            return Value(parts[0], policy, request) is { } first && Value(parts[1], policy, request) is { } second
                ? string.Concat(segments[0], Safe(first), segments[1], Safe(second))
                : null;
        }

        for (var i = 0; i < parts.Count; i++)
        {
            if (Value(parts[i], policy, request) is null)
            {
                return null;
            }
        }

        var builder = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[256]);
        builder.AppendFormatted(policy.Name);
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            builder.AppendLiteral("|");
            builder.AppendFormatted(part[0]);
            builder.AppendLiteral("=");
            builder.AppendFormatted(Safe(Value(part, policy, request)!));
        }

        return builder.ToStringAndClear();
    }

    /// <summary>Returns the value of one key part for the request, or null when the request lacks it.</summary>
    private static string? Value(string part, RateLimitPolicy policy, RateLimitRequest request) => part switch
    {
        RateLimitKeyParts.User => NullIfEmpty(request.UserId) ?? TypedLoginName(policy, request),
        RateLimitKeyParts.Client => NullIfEmpty(request.ClientId),
        RateLimitKeyParts.Principal => NullIfEmpty(request.UserId ?? request.ClientId),
        RateLimitKeyParts.Address => request.Address is { } address ? GroupAddress(address, policy.Ipv4PrefixLength, policy.Ipv6PrefixLength) : null,
        RateLimitKeyParts.Endpoint => NullIfEmpty(request.Endpoint),
        RateLimitKeyParts.Tool => NullIfEmpty(request.Tool),
        RateLimitKeyParts.Role => NullIfEmpty(policy.FirstHeldRole(request)),
        _ => null,
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>The typed username of a login policy, normalised as account look-up does, then hashed.</summary>
    private static string? TypedLoginName(RateLimitPolicy policy, RateLimitRequest request) =>
        policy.Category == RateLimitCategories.Login && request.LoginName is { Length: > 0 } typed && IdentityRules.NormalizeUsername(typed) is { Length: > 0 } name
            ? Hashed(name)
            : null;

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

        return Hashed(value);
    }

    /// <summary>Returns <c>#</c> and the first 12 bytes of the SHA-256 of the value, in hex.</summary>
    private static string Hashed(string value)
    {
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
