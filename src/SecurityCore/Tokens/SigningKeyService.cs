using System.Security.Cryptography;
using System.Text.Json.Nodes;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Tokens;

/// <summary>
/// The key ring: one active key, retired keys that verify until <c>retiredAt + access lifetime + skew</c>, private
/// material encrypted through <see cref="ISecretProtector"/>, live key objects cached for the validator.
/// </summary>
internal sealed partial class SigningKeyService(
    ISigningKeyRepository repository,
    ISecretProtector protector,
    IOptions<TokenOptions> options,
    TokenEventPublisher events,
    TimeProvider timeProvider,
    ILogger<SigningKeyService> logger) : ISigningKeyService
{
    private const string ProtectionPurposePrefix = "signing-key:";

    private readonly TokenOptions _options = options.Value;
    private readonly Lock _gate = new();
    private volatile SigningKeyRing? _ring;

    /// <summary>Gets the current ring snapshot, loading it from the store on first use.</summary>
    internal SigningKeyRing Ring => _ring ?? Load();

    /// <inheritdoc />
    public bool HasActiveKey => Ring.Active is not null;

    /// <summary>Gets how long after retirement a key still verifies.</summary>
    internal TimeSpan RetirementOverlap => _options.AccessTokenLifetime + _options.ClockSkew;

    /// <inheritdoc />
    public void EnsureActiveKey()
    {
        lock (_gate)
        {
            var ring = Ring;
            if (ring.Active is { } active && MatchesConfiguration(active.Material))
            {
                return;
            }

            RotateCore(ring, ring.Active is null ? "no active key" : "configured algorithm or key changed");
        }
    }

    /// <inheritdoc />
    public SigningKeyInfo Rotate()
    {
        lock (_gate)
        {
            return RotateCore(Ring, "requested").ToInfo();
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<SigningKeyInfo> List()
    {
        var keys = Ring.Keys;
        var list = new List<SigningKeyInfo>(keys.Count);
        foreach (var key in keys)
        {
            list.Add(key.ToInfo());
        }

        return list;
    }

    /// <inheritdoc />
    public JsonObject GetJwks()
    {
        var now = timeProvider.GetUtcNow();
        var keys = new JsonArray();
        foreach (var key in Ring.Keys)
        {
            if (key.VerifiesAt(now) && key.Material.ToPublicJwk() is { } jwk)
            {
                keys.Add(jwk);
            }
        }

        return new JsonObject { ["keys"] = keys };
    }

    /// <summary>Gets the active key, creating one when the ring has none.</summary>
    internal SigningKeyEntry GetActiveKey()
    {
        if (_ring?.Active is { } active)
        {
            return active;
        }

        EnsureActiveKey();
        return Ring.Active ?? throw new SecurityException(SecurityErrorCodes.InternalError, "No active signing key.");
    }

    /// <summary>Marks a key revoked (rotating first when it is the active one); returns false for an unknown key.</summary>
    internal bool MarkRevoked(string keyId, out DateTimeOffset? verifyUntil)
    {
        lock (_gate)
        {
            var ring = Ring;
            var key = ring.Find(keyId);
            verifyUntil = key?.VerifyUntil;
            if (key is null)
            {
                return false;
            }

            if (ring.Active?.KeyId == keyId)
            {
                RotateCore(ring, "active key revoked");
                ring = Ring;
                key = ring.Find(keyId)!;
            }

            verifyUntil = key.VerifyUntil;
            if (key.Revoked)
            {
                return true;
            }

            var revoked = key with { Revoked = true };
            repository.Upsert(revoked.ToStored());
            Replace(ring, revoked);
            LogKeyRevoked(logger, keyId);
            return true;
        }
    }

    /// <summary>Deletes keys past their <c>VerifyUntil</c>; returns how many.</summary>
    internal int PruneExpired()
    {
        lock (_gate)
        {
            return PruneCore(Ring, timeProvider.GetUtcNow());
        }
    }

    private bool MatchesConfiguration(SigningKeyMaterial material)
    {
        if (material.Algorithm != _options.Algorithm)
        {
            return false;
        }

        if (_options.Algorithm != JwsAlgorithmNames.HS256 || string.IsNullOrEmpty(_options.HmacKey))
        {
            return true;
        }

        if (!HmacKeyDecoder.TryDecode(_options.HmacKey, out var configured))
        {
            return false;
        }

        try
        {
            return material.HasHmacKey(configured);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(configured);
        }
    }

    private SigningKeyEntry RotateCore(SigningKeyRing ring, string reason)
    {
        var now = timeProvider.GetUtcNow();
        var material = CreateMaterial();
        var plain = material.ExportPrivateMaterial();
        byte[] encrypted;
        try
        {
            encrypted = protector.Protect(plain, ProtectionPurposePrefix + material.KeyId);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }

        var created = new SigningKeyEntry(material, encrypted, now, null, null, false);
        // The new key is stored before the old one retires: a crash in between leaves two active keys, which the
        // next load resolves (newest wins), never zero.
        repository.Upsert(created.ToStored());

        var keys = new List<SigningKeyEntry>(ring.Keys.Count + 1) { created };
        var previous = ring.Active;
        foreach (var key in ring.Keys)
        {
            if (key.RetiredAt is null && !key.Revoked)
            {
                var retired = key with { RetiredAt = now, VerifyUntil = now + RetirementOverlap };
                repository.Upsert(retired.ToStored());
                keys.Add(retired);
            }
            else
            {
                keys.Add(key);
            }
        }

        var next = new SigningKeyRing(keys);
        _ring = next;
        PruneCore(next, now);

        LogKeyRotated(logger, material.KeyId, material.Algorithm, previous?.KeyId, reason);
        events.Publish(new SecurityEvent
        {
            Type = SecurityEventTypes.SigningKeyRotated,
            OccurredAt = now,
            Outcome = SecurityEventOutcomes.Success,
            Target = material.KeyId,
            Details = new Dictionary<string, string>
            {
                ["algorithm"] = material.Algorithm,
                ["previous_key_id"] = previous?.KeyId ?? "",
                ["reason"] = reason,
            },
        });
        return created;
    }

    private SigningKeyMaterial CreateMaterial()
    {
        if (_options.Algorithm == JwsAlgorithmNames.HS256 && HmacKeyDecoder.TryDecode(_options.HmacKey, out var configured))
        {
            try
            {
                return SigningKeyMaterial.Create(JwsAlgorithmNames.HS256, configured);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(configured);
            }
        }

        return SigningKeyMaterial.Create(_options.Algorithm);
    }

    private int PruneCore(SigningKeyRing ring, DateTimeOffset now)
    {
        var kept = new List<SigningKeyEntry>(ring.Keys.Count);
        var pruned = 0;
        foreach (var key in ring.Keys)
        {
            if (key.RetiredAt is not null && key.VerifyUntil is { } until && until < now)
            {
                repository.Delete(key.KeyId);
                LogKeyPruned(logger, key.KeyId);
                pruned++;
            }
            else
            {
                kept.Add(key);
            }
        }

        if (pruned > 0)
        {
            _ring = new SigningKeyRing(kept);
        }

        return pruned;
    }

    private void Replace(SigningKeyRing ring, SigningKeyEntry replacement)
    {
        var keys = new List<SigningKeyEntry>(ring.Keys.Count);
        foreach (var key in ring.Keys)
        {
            keys.Add(key.KeyId == replacement.KeyId ? replacement : key);
        }

        _ring = new SigningKeyRing(keys);
    }

    private SigningKeyRing Load()
    {
        lock (_gate)
        {
            if (_ring is { } loaded)
            {
                return loaded;
            }

            var now = timeProvider.GetUtcNow();
            var entries = new List<SigningKeyEntry>();
            foreach (var stored in repository.GetAll())
            {
                entries.Add(Import(stored));
            }

            // More than one active key means a rotation was interrupted: the newest stays active.
            var actives = entries.Where(k => k.RetiredAt is null && !k.Revoked).OrderByDescending(k => k.CreatedAt).Skip(1).ToList();
            foreach (var stale in actives)
            {
                var retired = stale with { RetiredAt = now, VerifyUntil = now + RetirementOverlap };
                repository.Upsert(retired.ToStored());
                entries[entries.IndexOf(stale)] = retired;
            }

            var ring = new SigningKeyRing(entries);
            _ring = ring;
            PruneCore(ring, now);
            LogRingLoaded(logger, entries.Count, _ring.Active?.KeyId);
            return _ring;
        }
    }

    private SigningKeyEntry Import(StoredSigningKey stored)
    {
        byte[] plain;
        try
        {
            plain = protector.Unprotect(stored.EncryptedKeyMaterial, ProtectionPurposePrefix + stored.KeyId);
        }
        catch (CryptographicException ex)
        {
            throw new SecurityException(
                $"Signing key {stored.KeyId} cannot be decrypted: the master key (Storage:MasterKey or master.key) is not the one it was stored with.",
                ex);
        }

        try
        {
            var material = SigningKeyMaterial.Import(stored.KeyId, stored.Algorithm, plain);
            return new SigningKeyEntry(material, stored.EncryptedKeyMaterial, stored.CreatedAt, stored.RetiredAt, stored.VerifyUntil, stored.Revoked);
        }
        catch (CryptographicException ex)
        {
            throw new SecurityException($"Signing key {stored.KeyId} ({stored.Algorithm}) in the store is unusable: {ex.Message}", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Signing key {KeyId} ({Algorithm}) is now active; previous key {PreviousKeyId} retired ({Reason})")]
    private static partial void LogKeyRotated(ILogger logger, string keyId, string algorithm, string? previousKeyId, string reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Signing key {KeyId} no longer verifies anything and was deleted")]
    private static partial void LogKeyPruned(ILogger logger, string keyId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Signing key {KeyId} was revoked; every token it signed is refused")]
    private static partial void LogKeyRevoked(ILogger logger, string keyId);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Debug, Message = "Loaded {Count} signing keys; active key {KeyId}")]
    private static partial void LogRingLoaded(ILogger logger, int count, string? keyId);
}
