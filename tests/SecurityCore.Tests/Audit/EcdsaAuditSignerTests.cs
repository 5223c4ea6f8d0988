using System.Buffers.Text;
using System.Security.Cryptography;
using McpSecurity.SecurityCore.Audit;
using McpSecurity.SecurityCore.Storage;
using McpSecurity.Tests.SecurityCore.Fakes;
using McpSecurity.Tests.SecurityCore.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace McpSecurity.Tests.SecurityCore.Audit;

public sealed class EcdsaAuditSignerTests : IDisposable
{
    private readonly StoreContext _context = new();
    private readonly FakeSecretProtector _protector = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    public void Dispose() => _context.Dispose();

    private EcdsaAuditSigner CreateSigner() =>
        new(new LiteDbAuditKeyRepository(_context.Store), _protector, _time, NullLogger<EcdsaAuditSigner>.Instance);

    [Fact]
    public void Sign_ThenVerify_SucceedsAndNamesAlgorithmAndKey()
    {
        using var signer = CreateSigner();
        var data = "{\"a\":1}"u8.ToArray();

        var signature = signer.Sign(data);

        Assert.Equal("ES256", signature.Algorithm);
        Assert.Equal(signer.CurrentKeyId, signature.KeyId);
        Assert.StartsWith("audit-", signature.KeyId, StringComparison.Ordinal);
        Assert.Equal(64, Base64Url.DecodeFromChars(signature.Value).Length);
        Assert.DoesNotContain('=', signature.Value);
        Assert.True(signer.Verify(data, signature));
    }

    [Fact]
    public void Verify_ChangedData_IsFalse()
    {
        using var signer = CreateSigner();
        var signature = signer.Sign("{\"a\":1}"u8);

        Assert.False(signer.Verify("{\"a\":2}"u8, signature));
    }

    [Fact]
    public void Verify_ChangedSignatureUnknownKeyOtherAlgorithmOrGarbage_IsFalse()
    {
        using var signer = CreateSigner();
        var data = "payload"u8.ToArray();
        var signature = signer.Sign(data);
        var raw = Base64Url.DecodeFromChars(signature.Value);
        raw[10] ^= 1;

        Assert.False(signer.Verify(data, signature with { Value = Base64Url.EncodeToString(raw) }));
        Assert.False(signer.Verify(data, signature with { KeyId = "audit-unknown" }));
        Assert.False(signer.Verify(data, signature with { Algorithm = "HS256" }));
        Assert.False(signer.Verify(data, signature with { Value = "not base64url!" }));
        Assert.False(signer.Verify(data, signature with { Value = "AAAA" }));
    }

    [Fact]
    public void Sign_AfterRestart_UsesTheSameStoredKeyAndOldSignaturesVerify()
    {
        AuditSignature signature;
        string keyId;
        using (var first = CreateSigner())
        {
            signature = first.Sign("x"u8);
            keyId = first.CurrentKeyId;
        }

        _context.Reopen();
        using var second = CreateSigner();

        Assert.Equal(keyId, second.CurrentKeyId);
        Assert.True(second.Verify("x"u8, signature));
        Assert.Single(second.GetPublicKeys());
    }

    [Fact]
    public void Create_Always_StoresThePrivateKeyOnlyEncrypted()
    {
        using var signer = CreateSigner();
        _ = signer.Sign("x"u8);

        var stored = Assert.Single(new LiteDbAuditKeyRepository(_context.Store).GetAll());
        Assert.Equal(1, _protector.ProtectCalls);
        Assert.Throws<CryptographicException>(() =>
        {
            using var key = ECDsa.Create();
            key.ImportPkcs8PrivateKey(stored.EncryptedKeyMaterial, out _);
        });
    }

    [Fact]
    public void GetPublicKeys_Jwk_VerifiesASignatureOutsideTheSigner()
    {
        using var signer = CreateSigner();
        var data = "external check"u8.ToArray();
        var signature = signer.Sign(data);
        var jwk = Assert.Single(signer.GetPublicKeys());

        using var external = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url.DecodeFromChars(jwk.X), Y = Base64Url.DecodeFromChars(jwk.Y) },
        });

        Assert.Equal(signature.KeyId, jwk.KeyId);
        Assert.True(external.VerifyData(data, Base64Url.DecodeFromChars(signature.Value), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Fact]
    public void Sign_IsNotTheJwtSigningKey_UsesItsOwnCollection()
    {
        using var signer = CreateSigner();
        _ = signer.Sign("x"u8);

        Assert.Empty(new LiteDbSigningKeyRepository(_context.Store).GetAll());
    }
}
