using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Storage;

namespace McpSecurity.Benchmarks;

/// <summary>Minimal in-memory stores for the benchmarks (never touched on the measured paths except IsRevoked).</summary>
internal sealed class BenchStores : ISigningKeyRepository, IRevocationRepository, IRefreshTokenRepository, ISecretProtector, ISecurityEventSink
{
    private readonly Dictionary<string, StoredSigningKey> _keys = new(StringComparer.Ordinal);

    IReadOnlyList<StoredSigningKey> ISigningKeyRepository.GetAll() => [.. _keys.Values];

    void ISigningKeyRepository.Upsert(StoredSigningKey key) => _keys[key.KeyId] = key;

    void ISigningKeyRepository.Delete(string keyId) => _keys.Remove(keyId);

    IReadOnlyList<RevocationEntry> IRevocationRepository.GetAll() => [];

    void IRevocationRepository.Upsert(RevocationEntry entry)
    {
    }

    int IRevocationRepository.DeleteExpired(DateTimeOffset now) => 0;

    void IRefreshTokenRepository.Insert(StoredRefreshToken token)
    {
    }

    StoredRefreshToken? IRefreshTokenRepository.FindByHash(string tokenHash) => null;

    bool IRefreshTokenRepository.TryRedeem(string tokenHash, DateTimeOffset redeemedAt, StoredRefreshToken successor) => false;

    int IRefreshTokenRepository.RevokeFamily(string familyId, DateTimeOffset revokedAt) => 0;

    int IRefreshTokenRepository.RevokeSubject(string subject, DateTimeOffset revokedAt) => 0;

    int IRefreshTokenRepository.DeleteExpired(DateTimeOffset before) => 0;

    // Key material protection is not on any measured path; an identity transform keeps the setup small.
    byte[] ISecretProtector.Protect(ReadOnlySpan<byte> plaintext, string purpose) => plaintext.ToArray();

    byte[] ISecretProtector.Unprotect(ReadOnlySpan<byte> protectedData, string purpose) => protectedData.ToArray();

    ValueTask ISecurityEventSink.PublishAsync(SecurityEvent securityEvent, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
