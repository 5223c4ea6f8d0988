using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Jose;
using Base64Url = System.Buffers.Text.Base64Url;

namespace McpSecurity.SecurityCore.Tokens;

/// <summary>The live key objects of one ring key, created once and kept for the life of the process.</summary>
/// <remarks>
/// ECDsa and RSA instances are imported once and shared; concurrent sign and verify on one instance are safe with
/// the OpenSSL and CNG implementations .NET ships. The instances are not disposed when a key is pruned, because a
/// validation on another thread may still hold it; the finalizer of the native handle releases it.
/// </remarks>
internal sealed class SigningKeyMaterial
{
    /// <summary>RSA modulus size. 2048 bits (NIST SP 800-57: acceptable through 2030) keeps signing fast; ES256 is the default anyway.</summary>
    internal const int RsaKeySizeBits = 2048;
    private const int HmacKeyBytes = 32;
    private const int KeyIdBytes = 16;

    private readonly ECDsa? _ecdsa;
    private readonly RSA? _rsa;
    private readonly RSASignaturePadding? _padding;
    private readonly byte[]? _hmacKey;

    // One-shot HMACSHA256.HashData sets the key up in OpenSSL on every call (about 2 µs); a per-thread incremental
    // HMAC keeps the keyed context and only resets it.
    private readonly ThreadLocal<IncrementalHash>? _hmac;

    private SigningKeyMaterial(string keyId, string algorithm, ECDsa? ecdsa, RSA? rsa, byte[]? hmacKey)
    {
        KeyId = keyId;
        Algorithm = algorithm;
        _ecdsa = ecdsa;
        _rsa = rsa;
        _hmacKey = hmacKey;
        _hmac = hmacKey is null ? null : new ThreadLocal<IncrementalHash>(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, hmacKey));
        _padding = algorithm switch
        {
            JwsAlgorithmNames.RS256 => RSASignaturePadding.Pkcs1,
            JwsAlgorithmNames.PS256 => RSASignaturePadding.Pss,
            _ => null,
        };
        JoseAlgorithm = algorithm switch
        {
            JwsAlgorithmNames.ES256 => JwsAlgorithm.ES256,
            JwsAlgorithmNames.RS256 => JwsAlgorithm.RS256,
            JwsAlgorithmNames.PS256 => JwsAlgorithm.PS256,
            JwsAlgorithmNames.HS256 => JwsAlgorithm.HS256,
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unsupported algorithm."),
        };
        JoseKey = (object?)ecdsa ?? (object?)rsa ?? hmacKey ?? throw new ArgumentException("No key material.", nameof(ecdsa));
        SignatureLength = algorithm switch
        {
            JwsAlgorithmNames.ES256 => 64,
            JwsAlgorithmNames.HS256 => 32,
            _ => rsa!.KeySize / 8,
        };
        JoseHeaders = new Dictionary<string, object>(StringComparer.Ordinal) { ["typ"] = AccessTokenValidator.AccessTokenType, ["kid"] = keyId };
        // Member order as jose-jwt writes it: alg first, then the extra headers in insertion order.
        var header = new Dictionary<string, object>(StringComparer.Ordinal) { ["alg"] = algorithm };
        foreach (var (name, value) in JoseHeaders)
        {
            header[name] = value;
        }

        HeaderSegment = Encoding.ASCII.GetBytes(Base64Url.EncodeToString(Encoding.UTF8.GetBytes(new JoseHeaderMapper().Serialize(header))));
    }

    /// <summary>Gets the <c>kid</c>.</summary>
    public string KeyId { get; }

    /// <summary>Gets the JWS algorithm name.</summary>
    public string Algorithm { get; }

    /// <summary>Gets the jose-jwt algorithm.</summary>
    public JwsAlgorithm JoseAlgorithm { get; }

    /// <summary>Gets the key object jose-jwt signs with (ECDsa, RSA or the HMAC key bytes).</summary>
    public object JoseKey { get; }

    /// <summary>Gets the extra JOSE header (<c>typ</c>, <c>kid</c>) for tokens signed by this key; never mutated.</summary>
    public IDictionary<string, object> JoseHeaders { get; }

    /// <summary>Gets the base64url (ASCII) of the protected header every token of this key carries.</summary>
    public byte[] HeaderSegment { get; }

    /// <summary>Gets the exact length of a signature made with this key.</summary>
    public int SignatureLength { get; }

    /// <summary>Gets whether the key is symmetric (never published).</summary>
    public bool IsSymmetric => _hmacKey is not null;

    /// <summary>Creates a fresh key; for HS256 <paramref name="hmacKey"/> is used when given, else 32 random bytes.</summary>
    public static SigningKeyMaterial Create(string algorithm, byte[]? hmacKey = null)
    {
        switch (algorithm)
        {
            case JwsAlgorithmNames.ES256:
                var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                return new SigningKeyMaterial(ThumbprintKeyId(ecdsa), algorithm, ecdsa, null, null);
            case JwsAlgorithmNames.RS256:
            case JwsAlgorithmNames.PS256:
                var rsa = RSA.Create(RsaKeySizeBits);
                return new SigningKeyMaterial(ThumbprintKeyId(rsa), algorithm, null, rsa, null);
            case JwsAlgorithmNames.HS256:
                var key = hmacKey is { Length: > 0 } ? hmacKey.AsSpan().ToArray() : RandomNumberGenerator.GetBytes(HmacKeyBytes);
                // A thumbprint of a symmetric key would be a hash of the secret; a random id reveals nothing.
                return new SigningKeyMaterial(Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(KeyIdBytes)), algorithm, null, null, key);
            default:
                throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unsupported algorithm.");
        }
    }

    /// <summary>Imports a stored key: PKCS#8 for ECDSA and RSA, the raw bytes for HMAC.</summary>
    public static SigningKeyMaterial Import(string keyId, string algorithm, ReadOnlySpan<byte> material)
    {
        switch (algorithm)
        {
            case JwsAlgorithmNames.ES256:
                var ecdsa = ECDsa.Create();
                ecdsa.ImportPkcs8PrivateKey(material, out _);
                if (ecdsa.KeySize != 256)
                {
                    throw new CryptographicException("The stored ES256 key is not a P-256 key.");
                }

                return new SigningKeyMaterial(keyId, algorithm, ecdsa, null, null);
            case JwsAlgorithmNames.RS256:
            case JwsAlgorithmNames.PS256:
                var rsa = RSA.Create();
                rsa.ImportPkcs8PrivateKey(material, out _);
                if (rsa.KeySize < RsaKeySizeBits)
                {
                    throw new CryptographicException("The stored RSA key is shorter than 2048 bits.");
                }

                return new SigningKeyMaterial(keyId, algorithm, null, rsa, null);
            case JwsAlgorithmNames.HS256:
                if (material.Length < HmacKeyDecoder.MinimumKeyBytes)
                {
                    throw new CryptographicException("The stored HS256 key is shorter than 32 bytes.");
                }

                return new SigningKeyMaterial(keyId, algorithm, null, null, material.ToArray());
            default:
                throw new CryptographicException($"Unsupported algorithm '{algorithm}'.");
        }
    }

    /// <summary>Exports the private material for encrypted storage; the caller zeroes it.</summary>
    public byte[] ExportPrivateMaterial() =>
        _ecdsa?.ExportPkcs8PrivateKey() ?? _rsa?.ExportPkcs8PrivateKey() ?? _hmacKey!.AsSpan().ToArray();

    /// <summary>Gets whether this is an HMAC key equal to <paramref name="key"/> (constant time).</summary>
    public bool HasHmacKey(ReadOnlySpan<byte> key) =>
        _hmacKey is not null && CryptographicOperations.FixedTimeEquals(_hmacKey, key);

    /// <summary>Verifies a JWS signature over <paramref name="signingInput"/> (the ASCII of <c>header.payload</c>).</summary>
    public bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        if (_hmacKey is null)
        {
            SHA256.HashData(signingInput, digest);
        }

        return Verify(signingInput, digest, signature);
    }

    /// <summary>
    /// Verifies a JWS signature given the signing input and, for ECDSA and RSA, its SHA-256 already computed (the
    /// validator gets it for free from the same pass that hashes the whole token for its cache key).
    /// </summary>
    public bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signingInputSha256, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != SignatureLength)
        {
            return false;
        }

        try
        {
            if (_ecdsa is not null)
            {
                return _ecdsa.VerifyHash(signingInputSha256, signature);
            }

            if (_rsa is not null)
            {
                return _rsa.VerifyHash(signingInputSha256, signature, HashAlgorithmName.SHA256, _padding!);
            }

            Span<byte> mac = stackalloc byte[32];
            Mac(signingInput, mac);
            return CryptographicOperations.FixedTimeEquals(mac, signature);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Signs <paramref name="signingInput"/> directly (tests and benchmarks craft tokens with it).</summary>
    public byte[] Sign(ReadOnlySpan<byte> signingInput)
    {
        if (_ecdsa is not null)
        {
            return _ecdsa.SignData(signingInput, HashAlgorithmName.SHA256);
        }

        if (_rsa is not null)
        {
            return _rsa.SignData(signingInput.ToArray(), HashAlgorithmName.SHA256, _padding!);
        }

        var mac = new byte[32];
        Mac(signingInput, mac);
        return mac;
    }

    private void Mac(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var hmac = _hmac!.Value!;
        hmac.AppendData(data);
        hmac.GetHashAndReset(destination);
    }

    /// <summary>Gets the public JWK (RFC 7517) with <c>use: sig</c>; null for symmetric keys.</summary>
    public JsonObject? ToPublicJwk()
    {
        if (_ecdsa is not null)
        {
            var p = _ecdsa.ExportParameters(false);
            return new JsonObject
            {
                ["kty"] = "EC",
                ["use"] = "sig",
                ["alg"] = Algorithm,
                ["kid"] = KeyId,
                ["crv"] = "P-256",
                ["x"] = Base64Url.EncodeToString(p.Q.X),
                ["y"] = Base64Url.EncodeToString(p.Q.Y),
            };
        }

        if (_rsa is not null)
        {
            var p = _rsa.ExportParameters(false);
            return new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["alg"] = Algorithm,
                ["kid"] = KeyId,
                ["n"] = Base64Url.EncodeToString(p.Modulus),
                ["e"] = Base64Url.EncodeToString(p.Exponent),
            };
        }

        return null;
    }

    /// <summary>Computes the RFC 7638 JWK thumbprint (SHA-256 over the canonical required members).</summary>
    internal static byte[] Thumbprint(ECDsa ecdsa)
    {
        var p = ecdsa.ExportParameters(false);
        var json = $$"""{"crv":"P-256","kty":"EC","x":"{{Base64Url.EncodeToString(p.Q.X)}}","y":"{{Base64Url.EncodeToString(p.Q.Y)}}"}""";
        return SHA256.HashData(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Computes the RFC 7638 JWK thumbprint of an RSA key.</summary>
    internal static byte[] Thumbprint(RSA rsa)
    {
        var p = rsa.ExportParameters(false);
        var json = $$"""{"e":"{{Base64Url.EncodeToString(p.Exponent)}}","kty":"RSA","n":"{{Base64Url.EncodeToString(p.Modulus)}}"}""";
        return SHA256.HashData(Encoding.UTF8.GetBytes(json));
    }

    private static string ThumbprintKeyId(ECDsa ecdsa) => Base64Url.EncodeToString(Thumbprint(ecdsa).AsSpan(0, KeyIdBytes));

    private static string ThumbprintKeyId(RSA rsa) => Base64Url.EncodeToString(Thumbprint(rsa).AsSpan(0, KeyIdBytes));
}
