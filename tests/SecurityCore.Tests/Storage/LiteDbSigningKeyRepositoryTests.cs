using System.Security.Cryptography;
using McpSecurity.SecurityCore.Storage;

namespace McpSecurity.Tests.SecurityCore.Storage;

public sealed class LiteDbSigningKeyRepositoryTests : IDisposable
{
    private static readonly DateTimeOffset Created = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly StoreContext _context = new();

    public void Dispose() => _context.Dispose();

    private LiteDbSigningKeyRepository Repository => new(_context.Store);

    [Fact]
    public void Upsert_ThenGetAll_RoundTripsBytesAndNullableInstantsAcrossRestart()
    {
        var material = RandomNumberGenerator.GetBytes(150);
        Repository.Upsert(new StoredSigningKey { KeyId = "k1", Algorithm = "ES256", EncryptedKeyMaterial = material, CreatedAt = Created });
        Repository.Upsert(new StoredSigningKey
        {
            KeyId = "k2",
            Algorithm = "RS256",
            EncryptedKeyMaterial = [1, 2, 3],
            CreatedAt = Created.AddDays(1),
            RetiredAt = Created.AddDays(2).AddTicks(3),
            VerifyUntil = Created.AddDays(3),
            Revoked = true,
        });

        _context.Reopen();
        var keys = Repository.GetAll();

        Assert.Equal(["k1", "k2"], keys.Select(k => k.KeyId));
        Assert.Equal(material, keys[0].EncryptedKeyMaterial);
        Assert.Null(keys[0].RetiredAt);
        Assert.Null(keys[0].VerifyUntil);
        Assert.False(keys[0].Revoked);
        Assert.Equal("RS256", keys[1].Algorithm);
        Assert.Equal(Created.AddDays(2).AddTicks(3), keys[1].RetiredAt);
        Assert.Equal(Created.AddDays(3), keys[1].VerifyUntil);
        Assert.True(keys[1].Revoked);
    }

    [Fact]
    public void Upsert_ExistingId_ReplacesIt()
    {
        Repository.Upsert(new StoredSigningKey { KeyId = "k1", Algorithm = "ES256", EncryptedKeyMaterial = [1], CreatedAt = Created });

        Repository.Upsert(new StoredSigningKey { KeyId = "k1", Algorithm = "ES256", EncryptedKeyMaterial = [1], CreatedAt = Created, RetiredAt = Created.AddHours(1) });

        var key = Assert.Single(Repository.GetAll());
        Assert.Equal(Created.AddHours(1), key.RetiredAt);
    }

    [Fact]
    public void Delete_RemovesOnlyThatKey()
    {
        Repository.Upsert(new StoredSigningKey { KeyId = "k1", Algorithm = "ES256", EncryptedKeyMaterial = [1], CreatedAt = Created });
        Repository.Upsert(new StoredSigningKey { KeyId = "K1", Algorithm = "ES256", EncryptedKeyMaterial = [2], CreatedAt = Created.AddSeconds(1) });

        Repository.Delete("k1");

        Assert.Equal(["K1"], Repository.GetAll().Select(k => k.KeyId));
    }
}
