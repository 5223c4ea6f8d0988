using System.Buffers.Binary;

namespace McpSecurity.SecurityCore.Tokens;

/// <summary>The validation cache key: the SHA-256 of the token, so raw tokens never become cache keys.</summary>
internal readonly struct TokenCacheKey : IEquatable<TokenCacheKey>
{
    private readonly ulong _a;
    private readonly ulong _b;
    private readonly ulong _c;
    private readonly ulong _d;

    public TokenCacheKey(ReadOnlySpan<byte> sha256)
    {
        _a = BinaryPrimitives.ReadUInt64LittleEndian(sha256);
        _b = BinaryPrimitives.ReadUInt64LittleEndian(sha256[8..]);
        _c = BinaryPrimitives.ReadUInt64LittleEndian(sha256[16..]);
        _d = BinaryPrimitives.ReadUInt64LittleEndian(sha256[24..]);
    }

    public bool Equals(TokenCacheKey other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d;

    public override bool Equals(object? obj) => obj is TokenCacheKey other && Equals(other);

    // The value is a cryptographic hash already: any 32 bits of it are uniformly distributed.
    public override int GetHashCode() => (int)_a;
}
