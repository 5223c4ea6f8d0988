using System.Collections.Concurrent;
using System.Globalization;
using McpSecurity.SecurityCore.Detection;
using McpSecurity.SecurityCore.Events;
using Microsoft.Extensions.Logging;

namespace McpSecurity.SecurityCore.Incidents;

/// <summary>
/// The blocked addresses of this process, on <see cref="TimeProvider"/>: a block lifts by itself when its time has passed
/// (<see cref="GetBlock"/> never answers an expired one), and a periodic sweep reports each expiry as <c>address_unblocked</c>.
/// </summary>
/// <remarks>Also the local view of <see cref="RedisAddressBlockList"/>, which feeds it the blocks of the other instances.</remarks>
internal sealed partial class InMemoryAddressBlockList : IAddressBlockList, IDisposable
{
    /// <summary>How often expired blocks are swept and reported.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, Entry> _blocks = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<AddressBlock> _expired = new();
    private readonly AddressAllowList _allowList;
    private readonly ISecurityEventSink _events;
    private readonly TimeProvider _time;
    private readonly ILogger<InMemoryAddressBlockList> _logger;
    private readonly ITimer _sweeper;

    public InMemoryAddressBlockList(AddressAllowList allowList, ISecurityEventSink events, TimeProvider time, ILogger<InMemoryAddressBlockList> logger)
    {
        _allowList = allowList;
        _events = events;
        _time = time;
        _logger = logger;
        _sweeper = time.CreateTimer(_ => _ = SweepAsync(), null, SweepInterval, SweepInterval);
    }

    /// <inheritdoc />
    public int ActiveCount
    {
        get
        {
            var now = _time.GetUtcNow();
            return _blocks.Values.Count(e => e.Block.ExpiresAt > now);
        }
    }

    /// <summary>Gets whether an address is allow-listed (never blocked).</summary>
    public bool IsAllowListed(string? address) => _allowList.Contains(address);

    /// <inheritdoc />
    public AddressBlock? GetBlock(string? address)
    {
        if (_blocks.IsEmpty || AddressBlockKeys.Of(address) is not { } key || !_blocks.TryGetValue(key, out var entry))
        {
            return null;
        }

        return entry.Block.ExpiresAt > _time.GetUtcNow() && !_allowList.Contains(key) ? entry.Block : null;
    }

    /// <inheritdoc />
    public async Task<AddressBlock> BlockAsync(string address, TimeSpan duration, string reason, string? incidentId, CancellationToken cancellationToken = default)
    {
        var (block, changed) = BlockLocal(address, duration, reason, incidentId);
        if (changed)
        {
            await PublishBlockedAsync(block, cancellationToken).ConfigureAwait(false);
        }

        return block;
    }

    /// <inheritdoc />
    public async Task<bool> UnblockAsync(string address, string actorId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(actorId);
        if (RemoveLocal(address) is not { } lifted)
        {
            return false;
        }

        await PublishUnblockedAsync(lifted, "manual", actorId, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AddressBlock>> ListActiveAsync(CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        IReadOnlyList<AddressBlock> active = [.. _blocks.Values.Select(e => e.Block).Where(b => b.ExpiresAt > now).OrderBy(b => b.ExpiresAt).ThenBy(b => b.Address, StringComparer.Ordinal)];
        return Task.FromResult(active);
    }

    /// <summary>
    /// Removes expired blocks and reports each one this instance made as <c>address_unblocked</c> (reason <c>expired</c>),
    /// also those replaced or dropped after they expired and before the sweep came.
    /// </summary>
    public async Task SweepAsync()
    {
        var now = _time.GetUtcNow();
        foreach (var (key, entry) in _blocks)
        {
            if (entry.Block.ExpiresAt <= now && _blocks.TryRemove(new KeyValuePair<string, Entry>(key, entry)))
            {
                Retire(entry);
            }
        }

        while (_expired.TryDequeue(out var block))
        {
            try
            {
                await PublishUnblockedAsync(block, "expired", null, CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A sweep runs on a timer: a failed report is logged, the next expiry still counts.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogEventFailed(_logger, ex);
            }
        }
    }

    /// <summary>Records a block made here (extending a shorter one); answers the block in force and whether it changed.</summary>
    public (AddressBlock Block, bool Changed) BlockLocal(string address, TimeSpan duration, string reason, string? incidentId)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        var key = AddressBlockKeys.Require(address);
        if (duration <= TimeSpan.Zero || duration > TimeSpan.FromDays(365))
        {
            throw new SecurityException(SecurityErrorCodes.ValidationFailed, "The block duration must be between one second and 365 days.",
                new Dictionary<string, object?> { ["field"] = "duration" });
        }

        if (_allowList.Contains(key))
        {
            throw new SecurityException(SecurityErrorCodes.ValidationFailed, $"The address '{key}' is on the allow-list (Detection:AllowList) and is never blocked.",
                new Dictionary<string, object?> { ["field"] = "address" });
        }

        var now = _time.GetUtcNow();
        var wanted = now + duration;
        while (true)
        {
            if (_blocks.TryGetValue(key, out var current) && current.Block.ExpiresAt > now)
            {
                if (current.Block.ExpiresAt >= wanted)
                {
                    return (current.Block, false);
                }

                var extended = new Entry(current.Block with { ExpiresAt = wanted, Reason = reason, IncidentId = incidentId ?? current.Block.IncidentId }, true, now);
                if (_blocks.TryUpdate(key, extended, current))
                {
                    LogBlocked(_logger, key, wanted, reason);
                    return (extended.Block, true);
                }

                continue;
            }

            var fresh = new Entry(new AddressBlock(key, now, wanted, reason, incidentId), true, now);
            var stored = current is null ? _blocks.TryAdd(key, fresh) : _blocks.TryUpdate(key, fresh, current);
            if (stored)
            {
                if (current is not null)
                {
                    Retire(current);
                }

                LogBlocked(_logger, key, wanted, reason);
                return (fresh.Block, true);
            }
        }
    }

    /// <summary>Takes a block announced by another instance, unless the view holds one that lasts as long (no event: that instance reported it).</summary>
    public void ApplyRemote(AddressBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (AddressBlockKeys.Of(block.Address) is not { } key)
        {
            return;
        }

        var remote = new Entry(block with { Address = key }, false, block.BlockedAt);
        while (true)
        {
            if (!_blocks.TryGetValue(key, out var current))
            {
                if (_blocks.TryAdd(key, remote))
                {
                    return;
                }

                continue;
            }

            if (current.Block.ExpiresAt >= block.ExpiresAt)
            {
                return;
            }

            if (_blocks.TryUpdate(key, remote, current))
            {
                Retire(current);
                return;
            }
        }
    }

    /// <summary>
    /// Drops a block lifted elsewhere at <paramref name="liftedAt"/>, unless it was made (or, here, extended) later: a block
    /// made after the lift stands. No event: the instance that lifted it reported it.
    /// </summary>
    public void RemoveLifted(string address, DateTimeOffset liftedAt)
    {
        if (AddressBlockKeys.Of(address) is not { } key)
        {
            return;
        }

        while (_blocks.TryGetValue(key, out var current) && current.ChangedAt <= liftedAt)
        {
            if (_blocks.TryRemove(new KeyValuePair<string, Entry>(key, current)))
            {
                Retire(current);
                return;
            }
        }
    }

    /// <summary>Lists the active blocks this instance made (to write back to a shared store that lost them).</summary>
    public IReadOnlyList<AddressBlock> ListActiveLocal()
    {
        var now = _time.GetUtcNow();
        return [.. _blocks.Values.Where(e => e.Local && e.Block.ExpiresAt > now).Select(e => e.Block)];
    }

    /// <summary>Gets the active block held under a key, or null.</summary>
    public AddressBlock? FindActive(string key) =>
        _blocks.TryGetValue(key, out var entry) && entry.Block.ExpiresAt > _time.GetUtcNow() ? entry.Block : null;

    /// <summary>Lifts a block here without an event; answers the block that was lifted, or null when none was active.</summary>
    public AddressBlock? RemoveLocal(string address)
    {
        var key = AddressBlockKeys.Require(address);
        if (!_blocks.TryRemove(key, out var entry))
        {
            return null;
        }

        Retire(entry);
        return entry.Block.ExpiresAt > _time.GetUtcNow() ? entry.Block : null;
    }

    /// <summary>Reports a block as <c>address_blocked</c>.</summary>
    public ValueTask PublishBlockedAsync(AddressBlock block, CancellationToken cancellationToken) => _events.PublishAsync(new SecurityEvent
    {
        Type = SecurityEventTypes.AddressBlocked,
        OccurredAt = _time.GetUtcNow(),
        Outcome = SecurityEventOutcomes.Info,
        Target = block.Address,
        Details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["address"] = block.Address,
            ["expires_at"] = block.ExpiresAt.ToString("O", CultureInfo.InvariantCulture),
            ["reason"] = block.Reason,
            ["incident_id"] = block.IncidentId ?? string.Empty,
        },
    }, cancellationToken);

    /// <summary>Reports a lifted block as <c>address_unblocked</c> (logged when an actor lifted it).</summary>
    public ValueTask PublishUnblockedAsync(AddressBlock block, string why, string? actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (actorId is not null)
        {
            LogUnblocked(_logger, block.Address, actorId);
        }

        return _events.PublishAsync(new SecurityEvent
        {
            Type = SecurityEventTypes.AddressUnblocked,
            OccurredAt = _time.GetUtcNow(),
            Outcome = SecurityEventOutcomes.Info,
            SubjectId = actorId,
            Target = block.Address,
            Details = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["address"] = block.Address,
                ["reason"] = why,
                ["blocked_reason"] = block.Reason,
                ["incident_id"] = block.IncidentId ?? string.Empty,
            },
        }, cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose() => _sweeper.Dispose();

    /// <summary>Queues the expiry report of a block made here that left the view after it expired (the sweep sends it).</summary>
    private void Retire(Entry removed)
    {
        if (removed.Local && removed.Block.ExpiresAt <= _time.GetUtcNow())
        {
            _expired.Enqueue(removed.Block);
        }
    }

    [LoggerMessage(EventId = 7301, Level = LogLevel.Warning, Message = "Address {Address} blocked until {ExpiresAt} ({Reason})")]
    private static partial void LogBlocked(ILogger logger, string address, DateTimeOffset expiresAt, string reason);

    [LoggerMessage(EventId = 7302, Level = LogLevel.Information, Message = "Address {Address} unblocked by {Actor}")]
    private static partial void LogUnblocked(ILogger logger, string address, string actor);

    [LoggerMessage(EventId = 7303, Level = LogLevel.Warning, Message = "Could not report an expired address block")]
    private static partial void LogEventFailed(ILogger logger, Exception exception);

    /// <summary>A block in the view: whether this instance made it, and when it was made (for a block made here: last extended).</summary>
    private sealed record Entry(AddressBlock Block, bool Local, DateTimeOffset ChangedAt);
}
