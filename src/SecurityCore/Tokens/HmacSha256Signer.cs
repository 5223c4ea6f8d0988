using System.Security.Cryptography;
using Jose;

namespace McpSecurity.SecurityCore.Tokens;

/// <summary>HS256 for jose-jwt through the one-shot <see cref="HMACSHA256.HashData(byte[], byte[])"/> (no HMAC object per token).</summary>
internal sealed class HmacSha256Signer : IJwsAlgorithm
{
    public byte[] Sign(byte[] securedInput, object key) => HMACSHA256.HashData(AsKey(key), securedInput);

    public bool Verify(byte[] signature, byte[] securedInput, object key) =>
        CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(AsKey(key), securedInput), signature);

    private static byte[] AsKey(object key) => key as byte[] ?? throw new ArgumentException("HS256 needs the key as bytes.", nameof(key));
}
