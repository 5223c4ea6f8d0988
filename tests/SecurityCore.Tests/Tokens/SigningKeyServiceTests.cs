using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Tokens;

namespace McpSecurity.Tests.SecurityCore.Tokens;

public sealed class SigningKeyServiceTests
{
    [Fact]
    public void EnsureActiveKey_FirstRun_CreatesOneEs256KeyStoredEncrypted()
    {
        using var harness = TokenTestHarness.Create();

        var stored = Assert.Single(harness.KeyRepository.GetAll());
        Assert.Equal(JwsAlgorithmNames.ES256, stored.Algorithm);
        Assert.Null(stored.RetiredAt);
        Assert.True(harness.Keys.HasActiveKey);
        var pkcs8 = harness.ActiveKey.ExportPrivateMaterial();
        Assert.False(stored.EncryptedKeyMaterial.AsSpan().IndexOf(pkcs8.AsSpan(pkcs8.Length - 32)) >= 0, "the private scalar is stored in the clear");
    }

    [Fact]
    public void EnsureActiveKey_CalledAgain_KeepsTheKey()
    {
        using var harness = TokenTestHarness.Create();
        var first = harness.ActiveKey.KeyId;

        harness.Keys.EnsureActiveKey();
        harness.Restart().Keys.EnsureActiveKey();

        Assert.Equal(first, Assert.Single(harness.KeyRepository.GetAll()).KeyId);
    }

    [Fact]
    public void EnsureActiveKey_AlgorithmChangedInConfiguration_RotatesToTheNewAlgorithm()
    {
        using var harness = TokenTestHarness.Create();
        var oldToken = harness.IssueAccessToken();
        harness.Options.Algorithm = JwsAlgorithmNames.RS256;
        using var restarted = harness.Restart();

        restarted.Keys.EnsureActiveKey();

        Assert.Equal(JwsAlgorithmNames.RS256, restarted.ActiveKey.Algorithm);
        Assert.True(restarted.Validator.Validate(oldToken.Token).IsValid);
        Assert.True(restarted.Validator.Validate(restarted.IssueAccessToken().Token).IsValid);
    }

    [Fact]
    public void EnsureActiveKey_ConfiguredHmacKeyChanged_RotatesToTheConfiguredKey()
    {
        using var harness = TokenTestHarness.Create(o =>
        {
            o.Algorithm = JwsAlgorithmNames.HS256;
            o.HmacKey = Convert.ToBase64String(new byte[32]);
        });
        var first = harness.ActiveKey.KeyId;
        harness.Options.HmacKey = Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray());
        using var restarted = harness.Restart();

        restarted.Keys.EnsureActiveKey();

        Assert.NotEqual(first, restarted.ActiveKey.KeyId);
        Assert.True(restarted.ActiveKey.HasHmacKey(Enumerable.Repeat((byte)7, 32).ToArray()));
    }

    [Fact]
    public void Rotate_OldKeyTokens_VerifyUntilVerifyUntilThenNot()
    {
        using var harness = TokenTestHarness.Create();
        var oldKey = harness.ActiveKey;
        var oldToken = harness.IssueAccessToken();
        var claims = harness.ValidClaims();
        claims["exp"] = harness.Time.GetUtcNow().AddDays(1).ToUnixTimeSeconds();
        var longLived = harness.Forge(harness.ValidHeader(oldKey), claims, oldKey);
        harness.Time.Advance(TimeSpan.FromMinutes(1));

        var info = harness.Keys.Rotate();

        var verifyUntil = harness.Time.GetUtcNow() + harness.Options.AccessTokenLifetime + harness.Options.ClockSkew;
        var retired = harness.Keys.List().Single(k => k.KeyId == oldKey.KeyId);
        Assert.Equal("retired", retired.Status);
        Assert.Equal(verifyUntil, retired.VerifyUntil);
        Assert.Equal("active", info.Status);
        Assert.NotEqual(oldKey.KeyId, info.KeyId);
        Assert.Equal(info.KeyId, harness.IssueAccessToken().KeyId);
        Assert.True(harness.Validator.Validate(oldToken.Token).IsValid);

        harness.Time.Advance(verifyUntil - harness.Time.GetUtcNow());
        Assert.True(harness.Validator.Validate(longLived).IsValid);

        harness.Time.Advance(TimeSpan.FromSeconds(1));
        harness.Validator.CacheEnabled = false;
        Assert.Equal(SecurityErrorCodes.TokenUnknownKey, harness.Validator.Validate(longLived).ErrorCode);
    }

    [Fact]
    public void Rotate_RecordsASigningKeyRotatedEvent()
    {
        using var harness = TokenTestHarness.Create();
        var previous = harness.ActiveKey.KeyId;

        var info = harness.Keys.Rotate();

        var rotated = harness.Events.OfType(SecurityEventTypes.SigningKeyRotated)[^1];
        Assert.Equal(info.KeyId, rotated.Target);
        Assert.Equal(previous, rotated.Details["previous_key_id"]);
    }

    [Fact]
    public void PruneExpired_PastVerifyUntil_DeletesTheKeyFromRingAndStore()
    {
        using var harness = TokenTestHarness.Create();
        var oldKey = harness.ActiveKey.KeyId;
        harness.Keys.Rotate();
        harness.Time.Advance(harness.Options.AccessTokenLifetime + harness.Options.ClockSkew);
        Assert.Equal(0, harness.Keys.PruneExpired());

        harness.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, harness.Keys.PruneExpired());
        Assert.DoesNotContain(harness.Keys.List(), k => k.KeyId == oldKey);
        Assert.DoesNotContain(harness.KeyRepository.GetAll(), k => k.KeyId == oldKey);
    }

    [Fact]
    public void GetJwks_AfterRotation_PublishesBothPublicKeysOnly()
    {
        using var harness = TokenTestHarness.Create();
        var oldKey = harness.ActiveKey.KeyId;
        var newKey = harness.Keys.Rotate().KeyId;

        var jwks = harness.Keys.GetJwks();

        var keys = jwks["keys"]!.AsArray();
        Assert.Equal([newKey, oldKey], keys.Select(k => (string?)k!["kid"]));
        Assert.All(keys, k => Assert.False(k!.AsObject().ContainsKey("d")));
        Assert.DoesNotContain("\"d\"", jwks.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void GetJwks_Hs256_PublishesNothing()
    {
        using var harness = TokenTestHarness.Create(o => o.Algorithm = JwsAlgorithmNames.HS256);

        Assert.Empty(harness.Keys.GetJwks()["keys"]!.AsArray());
    }

    [Fact]
    public void GetJwks_RetiredKeyPastVerifyUntil_IsNotPublished()
    {
        using var harness = TokenTestHarness.Create();
        var newKey = harness.Keys.Rotate().KeyId;

        harness.Time.Advance(harness.Options.AccessTokenLifetime + harness.Options.ClockSkew + TimeSpan.FromSeconds(1));

        Assert.Equal([newKey], harness.Keys.GetJwks()["keys"]!.AsArray().Select(k => (string?)k!["kid"]));
    }

    [Fact]
    public void Load_AfterRestart_RestoresTheRingAndItsStates()
    {
        using var harness = TokenTestHarness.Create();
        var oldToken = harness.IssueAccessToken();
        harness.Keys.Rotate();
        using var restarted = harness.Restart();

        Assert.Equal(harness.Keys.List(), restarted.Keys.List());
        Assert.True(restarted.Validator.Validate(oldToken.Token).IsValid);
    }

    [Fact]
    public void Load_TwoActiveKeysAfterAnInterruptedRotation_KeepsTheNewestActive()
    {
        using var harness = TokenTestHarness.Create();
        var older = harness.KeyRepository.GetAll().Single();
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        harness.Keys.Rotate();
        var newer = harness.KeyRepository.GetAll().Single(k => k.KeyId != older.KeyId);
        older.RetiredAt = null;
        older.VerifyUntil = null;
        harness.KeyRepository.Upsert(older);

        using var restarted = harness.Restart();

        Assert.Equal(newer.KeyId, restarted.ActiveKey.KeyId);
        Assert.Equal("retired", restarted.Keys.List().Single(k => k.KeyId == older.KeyId).Status);
        Assert.NotNull(harness.KeyRepository.GetAll().Single(k => k.KeyId == older.KeyId).RetiredAt);
    }

    [Fact]
    public void Load_MaterialEncryptedForAnotherKeyId_FailsWithAClearMessage()
    {
        using var harness = TokenTestHarness.Create();
        var stored = harness.KeyRepository.GetAll().Single();
        var moved = new McpSecurity.SecurityCore.Storage.StoredSigningKey
        {
            KeyId = "swapped",
            Algorithm = stored.Algorithm,
            EncryptedKeyMaterial = stored.EncryptedKeyMaterial,
            CreatedAt = stored.CreatedAt,
        };
        harness.KeyRepository.Delete(stored.KeyId);
        harness.KeyRepository.Upsert(moved);

        var ex = Assert.Throws<SecurityException>(() => harness.Restart().Keys.List());

        Assert.Contains("swapped", ex.Message, StringComparison.Ordinal);
        Assert.Contains("master key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkRevoked_ActiveKey_RotatesFirstThenRefusesItsTokens()
    {
        using var harness = TokenTestHarness.Create();
        var token = harness.IssueAccessToken();

        harness.Revocations.RevokeSigningKey(token.KeyId, "usr_admin");

        Assert.NotEqual(token.KeyId, harness.ActiveKey.KeyId);
        Assert.Equal("revoked", harness.Keys.List().Single(k => k.KeyId == token.KeyId).Status);
        Assert.Equal(SecurityErrorCodes.TokenRevoked, harness.Validator.Validate(token.Token).ErrorCode);
        Assert.True(harness.Validator.Validate(harness.IssueAccessToken().Token).IsValid);
        Assert.DoesNotContain(harness.Keys.GetJwks()["keys"]!.AsArray(), k => (string?)k!["kid"] == token.KeyId);
    }

    [Fact]
    public void RevokeSigningKey_UnknownKey_ThrowsNotFound()
    {
        using var harness = TokenTestHarness.Create();

        var ex = Assert.Throws<SecurityException>(() => harness.Revocations.RevokeSigningKey("nope"));

        Assert.Equal(SecurityErrorCodes.NotFound, ex.Code);
    }
}
