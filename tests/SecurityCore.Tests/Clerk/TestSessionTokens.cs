using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace McpSecurity.Tests.SecurityCore.Clerk;

/// <summary>Builds compact JWS tokens the way Clerk shapes session tokens, and forged variants.</summary>
public static class TestSessionTokens
{
    public static string Sign(TestRsaKey key, IDictionary<string, object?> claims, IDictionary<string, object?>? header = null, string? keyId = null)
    {
        var head = header ?? new Dictionary<string, object?> { ["alg"] = "RS256", ["kid"] = keyId ?? key.KeyId, ["typ"] = "JWT" };
        var signingInput = Encode(head) + "." + Encode(claims);
        var signature = key.Rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    public static string Unsigned(IDictionary<string, object?> claims, string keyId) =>
        Encode(new Dictionary<string, object?> { ["alg"] = "none", ["kid"] = keyId, ["typ"] = "JWT" }) + "." + Encode(claims) + ".";

    public static string Hs256(byte[] secret, IDictionary<string, object?> claims, string keyId)
    {
        var signingInput = Encode(new Dictionary<string, object?> { ["alg"] = "HS256", ["kid"] = keyId, ["typ"] = "JWT" }) + "." + Encode(claims);
        return signingInput + "." + Base64Url.EncodeToString(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(signingInput)));
    }

    public static string Encode(object value) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value));
}
