using System.Collections.Concurrent;
using McpSecurity.SecurityCore.Tokens;

namespace McpSecurity.Tests.SecurityCore.Clerk;

/// <summary>A hand-written revocation service that records which subjects were revoked and by whom.</summary>
internal sealed class RecordingTokenRevocationService : ITokenRevocationService
{
    private readonly ConcurrentQueue<(string Subject, string? Actor)> _subjects = new();

    public IReadOnlyList<(string Subject, string? Actor)> RevokedSubjects => [.. _subjects];

    public void RevokeSubject(string subject, string? actor = null) => _subjects.Enqueue((subject, actor));

    public void RevokeAccessToken(string tokenId, DateTimeOffset expiresAt, string? actor = null) => throw new NotSupportedException();

    public void RevokeSession(string sessionId, string? actor = null) => throw new NotSupportedException();

    public void RevokeSigningKey(string keyId, string? actor = null) => throw new NotSupportedException();

    public bool IsRevoked(ValidatedToken token) => false;

    public int SweepExpired() => 0;
}
