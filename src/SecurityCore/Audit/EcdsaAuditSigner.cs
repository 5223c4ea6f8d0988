using System.Buffers.Text;
using System.Security.Cryptography;
using McpSecurity.SecurityCore.Storage;
using Microsoft.Extensions.Logging;

namespace McpSecurity.SecurityCore.Audit;

/// <summary>
/// ES256 (ECDSA P-256, SHA-256, IEEE P1363 signatures) with the audit key from <see cref="IAuditKeyRepository"/>; the
/// private key is encrypted with the master key (purpose <c>audit-key:&lt;kid&gt;</c>), like the token signing keys.
/// </summary>
internal sealed partial class EcdsaAuditSigner(
    IAuditKeyRepository repository,
    ISecretProtector protector,
    TimeProvider timeProvider,
    ILogger<EcdsaAuditSigner> logger) : IAuditSigner, IDisposable
{
    /// <summary>The one algorithm audit keys use.</summary>
    public const string ES256 = "ES256";

    private const string ProtectionPurposePrefix = "audit-key:";

    private readonly Lock _gate = new();
    private Dictionary<string, ECDsa>? _verifiers;
    private List<AuditPublicKey>? _publicKeys;
    private ECDsa? _signingKey;
    private string? _currentKeyId;

    /// <inheritdoc />
    public string Algorithm => ES256;

    /// <inheritdoc />
    public string CurrentKeyId
    {
        get
        {
            EnsureLoaded();
            return _currentKeyId!;
        }
    }

    /// <inheritdoc />
    public AuditSignature Sign(ReadOnlySpan<byte> data)
    {
        EnsureLoaded();
        byte[] signature;
        lock (_gate)
        {
            // ECDsa instances are not documented as thread-safe.
            signature = _signingKey!.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }

        return new AuditSignature(ES256, _currentKeyId!, Base64Url.EncodeToString(signature));
    }

    /// <inheritdoc />
    public bool Verify(ReadOnlySpan<byte> data, AuditSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        EnsureLoaded();
        if (signature.Algorithm != ES256 || signature.Value is null || signature.KeyId is null)
        {
            return false;
        }

        byte[] raw;
        try
        {
            raw = Base64Url.DecodeFromChars(signature.Value);
        }
        catch (FormatException)
        {
            return false;
        }

        if (raw.Length != 64)
        {
            return false;
        }

        lock (_gate)
        {
            if (!_verifiers!.TryGetValue(signature.KeyId, out var key))
            {
                // A key made by another instance after this one loaded: look again once.
                Reload();
                if (!_verifiers.TryGetValue(signature.KeyId, out key))
                {
                    return false;
                }
            }

            return key.VerifyData(data, raw, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<AuditPublicKey> GetPublicKeys()
    {
        EnsureLoaded();
        lock (_gate)
        {
            return [.. _publicKeys!];
        }
    }

    /// <summary>Releases the key objects.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_verifiers is not null)
            {
                foreach (var key in _verifiers.Values)
                {
                    key.Dispose();
                }
            }

            _signingKey?.Dispose();
            _verifiers = null;
            _signingKey = null;
        }
    }

    private void EnsureLoaded()
    {
        if (_signingKey is not null)
        {
            return;
        }

        lock (_gate)
        {
            if (_signingKey is null)
            {
                Reload();
            }
        }
    }

    private void Reload()
    {
        var stored = repository.GetAll();
        if (stored.Count == 0)
        {
            Create();
            stored = repository.GetAll();
        }

        var verifiers = new Dictionary<string, ECDsa>(StringComparer.Ordinal);
        var publicKeys = new List<AuditPublicKey>(stored.Count);
        foreach (var key in stored)
        {
            if (key.Algorithm != ES256)
            {
                throw new SecurityException(SecurityErrorCodes.AuditKeyUnusable, $"Audit key {key.KeyId} has unsupported algorithm {key.Algorithm}.");
            }

            var verifier = ECDsa.Create();
            verifier.ImportSubjectPublicKeyInfo(key.PublicKey, out _);
            verifiers[key.KeyId] = verifier;
            var parameters = verifier.ExportParameters(includePrivateParameters: false);
            publicKeys.Add(new AuditPublicKey(key.KeyId, ES256, Base64Url.EncodeToString(parameters.Q.X), Base64Url.EncodeToString(parameters.Q.Y), key.CreatedAt));
        }

        var newest = stored[^1];
        var signing = ImportPrivate(newest);
        if (_verifiers is not null)
        {
            foreach (var old in _verifiers.Values)
            {
                old.Dispose();
            }
        }

        _signingKey?.Dispose();
        _verifiers = verifiers;
        _publicKeys = publicKeys;
        _currentKeyId = newest.KeyId;
        _signingKey = signing;
    }

    private ECDsa ImportPrivate(StoredAuditKey stored)
    {
        byte[] plain;
        try
        {
            plain = protector.Unprotect(stored.EncryptedKeyMaterial, ProtectionPurposePrefix + stored.KeyId);
        }
        catch (CryptographicException ex)
        {
            throw new SecurityException(SecurityErrorCodes.AuditKeyUnusable,
                $"Audit key {stored.KeyId} cannot be decrypted ({ex.GetType().Name}): the master key (Storage:MasterKey or master.key) is not the one it was stored with.");
        }

        try
        {
            var key = ECDsa.Create();
            key.ImportPkcs8PrivateKey(plain, out _);
            return key;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    private void Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicKey = key.ExportSubjectPublicKeyInfo();
        // The kid is a fingerprint of the public key, so an anchor naming it pins the key.
        var keyId = "audit-" + Convert.ToHexStringLower(SHA256.HashData(publicKey).AsSpan(0, 8));
        var plain = key.ExportPkcs8PrivateKey();
        byte[] encrypted;
        try
        {
            encrypted = protector.Protect(plain, ProtectionPurposePrefix + keyId);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }

        repository.Insert(new StoredAuditKey
        {
            KeyId = keyId,
            Algorithm = ES256,
            EncryptedKeyMaterial = encrypted,
            PublicKey = publicKey,
            CreatedAt = timeProvider.GetUtcNow(),
        });
        LogKeyCreated(logger, keyId);
    }

    [LoggerMessage(EventId = 2500, Level = LogLevel.Information, Message = "Audit signing key {KeyId} created (ES256)")]
    private static partial void LogKeyCreated(ILogger logger, string keyId);
}
