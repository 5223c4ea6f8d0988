using System.Collections.Concurrent;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Incidents;

namespace McpSecurity.Tests.Server.Incidents;

/// <summary>A test double of <see cref="IAddressBlockList"/>: exact addresses, expiry by the time provider, unblocks recorded.</summary>
public sealed class InMemoryAddressBlockList(TimeProvider time) : IAddressBlockList
{
    private readonly ConcurrentDictionary<string, AddressBlock> _blocks = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Address, string ActorId)> _unblocks = new();

    /// <summary>Gets every unblock, with its actor.</summary>
    public IReadOnlyList<(string Address, string ActorId)> Unblocks => [.. _unblocks];

    /// <summary>Gets or sets whether the shared store is unreachable: unblocks are refused as the Redis list refuses them.</summary>
    public bool StoreUnavailable { get; set; }

    public int ActiveCount => _blocks.Values.Count(b => b.ExpiresAt > time.GetUtcNow());

    public AddressBlock? GetBlock(string? address) =>
        address is not null && _blocks.TryGetValue(address, out var block) && block.ExpiresAt > time.GetUtcNow() ? block : null;

    public Task<AddressBlock> BlockAsync(string address, TimeSpan duration, string reason, string? incidentId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var block = _blocks.AddOrUpdate(address, _ => new AddressBlock(address, now, now + duration, reason, incidentId),
            (_, old) => old.ExpiresAt >= now + duration ? old : old with { ExpiresAt = now + duration });
        return Task.FromResult(block);
    }

    public Task<bool> UnblockAsync(string address, string actorId, CancellationToken cancellationToken = default)
    {
        if (StoreUnavailable)
        {
            throw new SecurityException(SecurityErrorCodes.StorageUnavailable, "The shared block list (Redis) cannot be reached.");
        }

        var removed = _blocks.TryRemove(address, out var block) && block.ExpiresAt > time.GetUtcNow();
        if (removed)
        {
            _unblocks.Enqueue((address, actorId));
        }

        return Task.FromResult(removed);
    }

    public Task<IReadOnlyList<AddressBlock>> ListActiveAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        IReadOnlyList<AddressBlock> active = [.. _blocks.Values.Where(b => b.ExpiresAt > now).OrderBy(b => b.ExpiresAt)];
        return Task.FromResult(active);
    }
}
