using McpSecurity.SecurityCore.Storage;

namespace McpSecurity.Tests.SecurityCore.Fakes;

/// <summary>An in-memory denylist store.</summary>
public sealed class InMemoryRevocationRepository : IRevocationRepository
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RevocationEntry> _entries = new(StringComparer.Ordinal);
    private TaskCompletionSource _sweep = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public IReadOnlyList<RevocationEntry> GetAll()
    {
        lock (_gate)
        {
            return _entries.Values.Select(Copy).ToList();
        }
    }

    public void Upsert(RevocationEntry entry)
    {
        lock (_gate)
        {
            _entries[entry.Id] = Copy(entry);
        }
    }

    /// <summary>Gets a task that completes at the next <see cref="DeleteExpired"/> (for the sweeper under a fake clock).</summary>
    public Task NextSweep => _sweep.Task;

    public int DeleteExpired(DateTimeOffset now)
    {
        int count;
        lock (_gate)
        {
            var expired = _entries.Values.Where(e => e.ExpiresAt < now).Select(e => e.Id).ToList();
            foreach (var id in expired)
            {
                _entries.Remove(id);
            }

            count = expired.Count;
        }

        Interlocked.Exchange(ref _sweep, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        return count;
    }

    private static RevocationEntry Copy(RevocationEntry e) => new() { Kind = e.Kind, Value = e.Value, RevokedAt = e.RevokedAt, ExpiresAt = e.ExpiresAt };
}
