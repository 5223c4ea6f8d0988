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
        var key = KeyOrThrow(address);
        if (!_blocks.TryRemove(key, out var entry) || entry.Block.ExpiresAt <= _time.GetUtcNow())
        {
            return false;
        }

        LogUnblocked(_logger, key, actorId);
        await PublishUnblockedAsync(entry.Block, "manual", actorId, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AddressBlock>> ListActiveAsync(CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        IReadOnlyList<AddressBlock> active = [.. _blocks.Values.Select(e => e.Block).Where(b => b.ExpiresAt > now).OrderBy(b => b.ExpiresAt).ThenBy(b => b.Address, StringComparer.Ordinal)];
        return Task.FromResult(active);
    }

    /// <summary>Removes expired blocks and reports each one this instance made as <c>address_unblocked</c> (reason <c>expired</c>).</summary>
    public async Task SweepAsync()
    {
        var now = _time.GetUtcNow();
        foreach (var (key, entry) in _blocks)
        {
            if (entry.Block.ExpiresAt > now || !_blocks.TryRemove(new KeyValuePair<string, Entry>(key, entry)))
            {
                continue;
            }

            if (entry.Local)
            {
                try
                {
                    await PublishUnblockedAsync(entry.Block, "expired", null, CancellationToken.None).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // A sweep runs on a timer: a failed report is logged, the next expiry still counts.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    LogEventFailed(_logger, ex);
                }
            }
        }
    }

    /// <summary>Records a block made here (extending a shorter one); answers the block in force and whether it changed.</summary>
    public (AddressBlock Block, bool Changed) BlockLocal(string address, TimeSpan duration, string reason, string? incidentId)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        var key = KeyOrThrow(address);
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

                var extended = new Entry(current.Block with { ExpiresAt = wanted, Reason = reason, IncidentId = incidentId ?? current.Block.IncidentId }, true);
                if (_blocks.TryUpdate(key, extended, current))
                {
                    LogBlocked(_logger, key, wanted, reason);
                    return (extended.Block, true);
                }

                continue;
            }

            var fresh = new Entry(new AddressBlock(key, now, wanted, reason, incidentId), true);
            var stored = current is null ? _blocks.TryAdd(key, fresh) : _blocks.TryUpdate(key, fresh, current);
            if (stored)
            {
                LogBlocked(_logger, key, wanted, reason);
                return (fresh.Block, true);
            }
        }
    }

    /// <summary>Takes a block announced by another instance (no event: that instance reported it).</summary>
    public void ApplyRemote(AddressBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (AddressBlockKeys.Of(block.Address) is not { } key)
        {
            return;
        }

        _blocks.AddOrUpdate(key, new Entry(block with { Address = key }, false),
            (_, current) => current.Block.ExpiresAt >= block.ExpiresAt ? current : new Entry(block with { Address = key }, current.Local && current.Block.ExpiresAt == block.ExpiresAt));
    }

    /// <summary>Drops a block another instance lifted.</summary>
    public void RemoveRemote(string address)
    {
        if (AddressBlockKeys.Of(address) is { } key)
        {
            _blocks.TryRemove(key, out _);
        }
    }

    /// <summary>Replaces the view with the shared list, keeping the blocks of <paramref name="keep"/> (made here, not yet shared).</summary>
    public void ReplaceRemote(IReadOnlyCollection<AddressBlock> shared, IReadOnlySet<string> keep)
    {
        ArgumentNullException.ThrowIfNull(shared);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var block in shared)
        {
            if (AddressBlockKeys.Of(block.Address) is { } key)
            {
                seen.Add(key);
                ApplyRemote(block);
            }
        }

        foreach (var key in _blocks.Keys)
        {
            if (!seen.Contains(key) && !keep.Contains(key))
            {
                _blocks.TryRemove(key, out _);
            }
        }
    }

    /// <summary>Gets the block held under a key, expired or not (for the shared list).</summary>
    public AddressBlock? Find(string key) => _blocks.TryGetValue(key, out var entry) ? entry.Block : null;

    /// <summary>Lifts a block here without an event; answers the block that was lifted.</summary>
    public AddressBlock? RemoveLocal(string address)
    {
        var key = KeyOrThrow(address);
        return _blocks.TryRemove(key, out var entry) && entry.Block.ExpiresAt > _time.GetUtcNow() ? entry.Block : null;
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

    /// <summary>Reports a lifted block as <c>address_unblocked</c>.</summary>
    public ValueTask PublishUnblockedAsync(AddressBlock block, string why, string? actorId, CancellationToken cancellationToken) => _events.PublishAsync(new SecurityEvent
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

    /// <inheritdoc />
    public void Dispose() => _sweeper.Dispose();

    private static string KeyOrThrow(string address) => AddressBlockKeys.Of(address)
        ?? throw new SecurityException(SecurityErrorCodes.ValidationFailed, "address must be an IPv4 or IPv6 address (an IPv6 address is blocked with its /64).",
            new Dictionary<string, object?> { ["field"] = "address" });

    [LoggerMessage(EventId = 7301, Level = LogLevel.Warning, Message = "Address {Address} blocked until {ExpiresAt} ({Reason})")]
    private static partial void LogBlocked(ILogger logger, string address, DateTimeOffset expiresAt, string reason);

    [LoggerMessage(EventId = 7302, Level = LogLevel.Information, Message = "Address {Address} unblocked by {Actor}")]
    private static partial void LogUnblocked(ILogger logger, string address, string actor);

    [LoggerMessage(EventId = 7303, Level = LogLevel.Warning, Message = "Could not report an expired address block")]
    private static partial void LogEventFailed(ILogger logger, Exception exception);

    private sealed record Entry(AddressBlock Block, bool Local);
}
