using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Jose;
using McpSecurity.SecurityCore.Tokens;
using Base64Url = System.Buffers.Text.Base64Url;

namespace McpSecurity.Tests.SecurityCore.Tokens;

public sealed class SigningKeyMaterialTests
{
    private sealed record Vector(byte[] Key, string Header, string Payload, string Signature)
    {
        public byte[] SigningInput => Encoding.ASCII.GetBytes(Header + "." + Payload);
    }

    private static Vector LoadRfc7515A1()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "jws-hs256.json")));
        var root = json.RootElement;
        return new Vector(
            Base64Url.DecodeFromChars(root.GetProperty("jwk_k_base64url").GetString()),
            root.GetProperty("protected_header_base64url").GetString()!,
            root.GetProperty("payload_base64url").GetString()!,
            root.GetProperty("signature_base64url").GetString()!);
    }

    [Fact]
    public void Verify_Rfc7515AppendixA1_AcceptsTheGivenSignature()
    {
        var vector = LoadRfc7515A1();
        var key = SigningKeyMaterial.Import("rfc7515-a1", JwsAlgorithmNames.HS256, vector.Key);

        Assert.True(key.Verify(vector.SigningInput, Base64Url.DecodeFromChars(vector.Signature)));
    }

    [Fact]
    public void Verify_Rfc7515AppendixA1WithOneBitFlipped_Refuses()
    {
        var vector = LoadRfc7515A1();
        var key = SigningKeyMaterial.Import("rfc7515-a1", JwsAlgorithmNames.HS256, vector.Key);
        var signature = Base64Url.DecodeFromChars(vector.Signature);
        signature[^1] ^= 1;

        Assert.False(key.Verify(vector.SigningInput, signature));
    }

    [Fact]
    public void JoseJwtSign_Rfc7515AppendixA1_ProducesTheGivenSignature()
    {
        var vector = LoadRfc7515A1();

        var signature = JWT.DefaultSettings.Jws("HS256").Sign(vector.SigningInput, vector.Key);

        Assert.Equal(vector.Signature, Base64Url.EncodeToString(signature));
        Assert.Equal(vector.Signature, Base64Url.EncodeToString(SigningKeyMaterial.Import("k", JwsAlgorithmNames.HS256, vector.Key).Sign(vector.SigningInput)));
    }

    [Fact]
    public void JoseJwtDecode_Rfc7515AppendixA1_VerifiesAndReturnsThePayload()
    {
        var vector = LoadRfc7515A1();
        var token = vector.Header + "." + vector.Payload + "." + vector.Signature;

        var payload = JWT.Decode(token, vector.Key, JwsAlgorithm.HS256);

        Assert.Contains("\"iss\":\"joe\"", payload, StringComparison.Ordinal);
        Assert.Contains("http://example.com/is_root", payload, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(JwsAlgorithmNames.ES256)]
    [InlineData(JwsAlgorithmNames.RS256)]
    [InlineData(JwsAlgorithmNames.PS256)]
    [InlineData(JwsAlgorithmNames.HS256)]
    public void ExportThenImport_AnyAlgorithm_VerifiesWhatTheOriginalSigned(string algorithm)
    {
        var original = SigningKeyMaterial.Create(algorithm);
        var exported = original.ExportPrivateMaterial();
        var imported = SigningKeyMaterial.Import(original.KeyId, algorithm, exported);
        var data = Encoding.ASCII.GetBytes("header.payload");

        Assert.True(imported.Verify(data, original.Sign(data)));
        Assert.True(original.Verify(data, imported.Sign(data)));
        Assert.False(imported.Verify(Encoding.ASCII.GetBytes("header.payloaD"), original.Sign(data)));
    }

    [Fact]
    public void Create_Es256_KeyIdIsThePrefixOfTheRfc7638Thumbprint()
    {
        var key = SigningKeyMaterial.Create(JwsAlgorithmNames.ES256);
        var jwk = key.ToPublicJwk()!;
        // RFC 7638 section 3.2: the required members in lexicographic order, no whitespace.
        var canonical = $$"""{"crv":"P-256","kty":"EC","x":"{{jwk["x"]}}","y":"{{jwk["y"]}}"}""";
        var thumbprint = SHA256.HashData(Encoding.UTF8.GetBytes(canonical));

        Assert.Equal(Base64Url.EncodeToString(thumbprint.AsSpan(0, 16)), key.KeyId);
    }

    [Fact]
    public void Rfc7638Thumbprint_RsaExampleKey_MatchesTheRfc()
    {
        // RFC 7638 section 3.1 example key and its thumbprint.
        const string n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
        using var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Modulus = Base64Url.DecodeFromChars(n), Exponent = [1, 0, 1] });

        Assert.Equal("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", Base64Url.EncodeToString(SigningKeyMaterial.Thumbprint(rsa)));
    }

    [Theory]
    [InlineData(JwsAlgorithmNames.ES256, "EC")]
    [InlineData(JwsAlgorithmNames.RS256, "RSA")]
    [InlineData(JwsAlgorithmNames.PS256, "RSA")]
    public void ToPublicJwk_AsymmetricKey_HasOnlyPublicMembers(string algorithm, string kty)
    {
        var jwk = SigningKeyMaterial.Create(algorithm).ToPublicJwk()!;

        Assert.Equal(kty, (string?)jwk["kty"]);
        Assert.Equal("sig", (string?)jwk["use"]);
        Assert.Equal(algorithm, (string?)jwk["alg"]);
        foreach (var privateMember in new[] { "d", "p", "q", "dp", "dq", "qi", "k" })
        {
            Assert.False(jwk.ContainsKey(privateMember), privateMember);
        }
    }

    [Fact]
    public void ToPublicJwk_Hs256_IsNull()
    {
        Assert.Null(SigningKeyMaterial.Create(JwsAlgorithmNames.HS256).ToPublicJwk());
    }

    [Fact]
    public void Import_Hs256ShorterThan32Bytes_Throws()
    {
        Assert.Throws<CryptographicException>(() => SigningKeyMaterial.Import("k", JwsAlgorithmNames.HS256, new byte[31]));
    }
}
