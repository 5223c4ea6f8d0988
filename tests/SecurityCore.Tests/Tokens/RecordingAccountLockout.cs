using System.Collections.Concurrent;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Identity;

namespace McpSecurity.Tests.SecurityCore.Tokens;

/// <summary>A hand-written lockout: counts failures per user and locks at <see cref="MaxFailures"/>; records clears.</summary>
internal sealed class RecordingAccountLockout(int maxFailures) : IAccountLockout
{
    private readonly ConcurrentDictionary<string, int> _failures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _locked = new(StringComparer.Ordinal);

    public int MaxFailures { get; } = maxFailures;

    public ConcurrentQueue<string> Causes { get; } = new();

    public ConcurrentQueue<string> Cleared { get; } = new();

    public int FailuresOf(string userId) => _failures.GetValueOrDefault(userId);

    public DateTimeOffset? GetLockedUntil(string userId) => _locked.ContainsKey(userId) ? DateTimeOffset.MaxValue : null;

    public Task<bool> RecordFailureAsync(string userId, string cause, CancellationToken cancellationToken = default)
    {
        Causes.Enqueue(cause);
        var count = _failures.AddOrUpdate(userId, 1, (_, c) => c + 1);
        if (count >= MaxFailures)
        {
            _locked[userId] = true;
        }

        return Task.FromResult(_locked.ContainsKey(userId));
    }

    public void ClearFailures(string userId)
    {
        Cleared.Enqueue(userId);
        _failures.TryRemove(userId, out _);
    }

    public Task<bool> UnlockAsync(string userId, ActingPrincipal actor, CancellationToken cancellationToken = default) =>
        Task.FromResult(_locked.TryRemove(userId, out _));
}
