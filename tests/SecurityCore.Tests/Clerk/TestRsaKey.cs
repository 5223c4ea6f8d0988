using System.Buffers.Text;
using System.Security.Cryptography;

namespace McpSecurity.Tests.SecurityCore.Clerk;

/// <summary>An RSA key pair generated for tests, published at the stand-in Clerk's JWKS under <see cref="KeyId"/>.</summary>
public sealed class TestRsaKey
{
    // Generated once per test run: RSA key generation is slow and the keys carry no meaning.
    private static readonly Lazy<TestRsaKey> LazyFirst = new(() => new TestRsaKey("ins_test_key_one"));
    private static readonly Lazy<TestRsaKey> LazySecond = new(() => new TestRsaKey("ins_test_key_two"));

    private TestRsaKey(string keyId)
    {
        KeyId = keyId;
        Rsa = RSA.Create(2048);
    }

    public static TestRsaKey First => LazyFirst.Value;

    public static TestRsaKey Second => LazySecond.Value;

    public string KeyId { get; }

    public RSA Rsa { get; }

    /// <summary>Gets the public key as a JWK object shaped like Clerk's (use, kty, kid, alg, n, e).</summary>
    public Dictionary<string, object?> ToJwk(string? alg = "RS256", string kty = "RSA")
    {
        var parameters = Rsa.ExportParameters(includePrivateParameters: false);
        var jwk = new Dictionary<string, object?>
        {
            ["use"] = "sig",
            ["kty"] = kty,
            ["kid"] = KeyId,
            ["n"] = Base64Url.EncodeToString(parameters.Modulus),
            ["e"] = Base64Url.EncodeToString(parameters.Exponent),
        };
        if (alg is not null)
        {
            jwk["alg"] = alg;
        }

        return jwk;
    }

    /// <summary>Gets the public key in PEM (the HS256 "key confusion" attack signs with these bytes).</summary>
    public string PublicKeyPem() => Rsa.ExportSubjectPublicKeyInfoPem();
}
