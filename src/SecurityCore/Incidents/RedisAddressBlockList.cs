using System.Text.Json;
using System.Text.Json.Serialization;
using McpSecurity.SecurityCore.Detection;
using McpSecurity.SecurityCore.Distributed;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace McpSecurity.SecurityCore.Incidents;

/// <summary>
/// Blocks shared between instances: held in a Redis hash (<c>{prefix}:blocks</c>, one field per address holding its latest
/// state, a block or the lift of one; expiry checked by every reader and expired fields removed on reload; the hash's TTL
/// covers its longest entry) and announced on the channel <c>{prefix}:blocks</c>, so every instance's in-memory view has a
/// block within moments; each view also reloads the whole list every <see cref="DetectionOptions.BlockResyncInterval"/>.
/// A shorter block never replaces a longer one in Redis, also when made by an instance that had not heard of the longer one.
/// </summary>
/// <remarks>
/// <see cref="GetBlock"/> answers from the view and never waits on Redis. A block lasts until it expires or is lifted:
/// one missing from Redis (a restart without data) stays in force, and the instance that made it writes it back, also
/// the blocks made while Redis was unreachable. A lift is stored as such until the lifted block would have expired, so
/// instances that missed the announcement lift it on their next reload; it needs Redis, and is refused with
/// <c>STORAGE_UNAVAILABLE</c> (nothing lifted anywhere) while Redis cannot be reached.
/// </remarks>
internal sealed partial class RedisAddressBlockList : IAddressBlockList, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    // One atomic step: store a lift and make the hash live at least as long as it (the TTL only ever grows).
    private const string StoreLiftScript = """
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < tonumber(ARGV[3]) then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
        return 1
        """;

    // Stores a block unless the field holds a block that lasts as long (an instance that had not heard of a longer block
    // yet must not shorten it); then answers the stored one, so the writer takes it. ARGV: address, payload, TTL, expiry (ms).
    private const string StoreBlockScript = """
        local current = redis.call('HGET', KEYS[1], ARGV[1])
        if current then
          local ok, message = pcall(cjson.decode, current)
          if ok and type(message) == 'table' and message.op == 'block' and tonumber(message.expires_ms) and tonumber(message.expires_ms) >= tonumber(ARGV[4]) then
            return current
          end
        end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < tonumber(ARGV[3]) then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
        return false
        """;

    // Removes the fields read as expired unless they were written again since (ARGV holds field, value pairs).
    private const string RemoveStaleScript = """
        for i = 1, #ARGV, 2 do
          if redis.call('HGET', KEYS[1], ARGV[i]) == ARGV[i + 1] then redis.call('HDEL', KEYS[1], ARGV[i]) end
        end
        return 1
        """;

    private readonly InMemoryAddressBlockList _view;
    private readonly RedisConnection _connection;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisAddressBlockList> _logger;
    private readonly string _hashKey;
    private readonly RedisChannel _channel;
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly ITimer _resync;
    private readonly SemaphoreSlim _resyncGate = new(1, 1);

    public RedisAddressBlockList(InMemoryAddressBlockList view, RedisConnection connection, IOptions<DetectionOptions> options, TimeProvider time, ILogger<RedisAddressBlockList> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _view = view;
        _connection = connection;
        _time = time;
        _logger = logger;
        _hashKey = connection.KeyPrefix + ":blocks";
        _channel = RedisChannel.Literal(connection.KeyPrefix + ":blocks");
        Ready = InitializeAsync();
        var interval = options.Value.BlockResyncInterval;
        // The periodic reload skips a turn while one runs; a reconnect or an explicit call waits for it and reloads again.
        _resync = time.CreateTimer(_ => _ = ResyncAsync(skipWhenBusy: true), null, interval, interval);
    }

    /// <summary>Completes once the first subscription and load were attempted (tests wait for it).</summary>
    public Task Ready { get; }

    /// <inheritdoc />
    public int ActiveCount => _view.ActiveCount;

    /// <inheritdoc />
    public AddressBlock? GetBlock(string? address) => _view.GetBlock(address);

    /// <inheritdoc />
    public Task<IReadOnlyList<AddressBlock>> ListActiveAsync(CancellationToken cancellationToken = default) => _view.ListActiveAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<AddressBlock> BlockAsync(string address, TimeSpan duration, string reason, string? incidentId, CancellationToken cancellationToken = default)
    {
        var (block, changed) = _view.BlockLocal(address, duration, reason, incidentId);
        if (!changed)
        {
            return block;
        }

        if (await ShareAsync(block).ConfigureAwait(false) is { } longer)
        {
            // Another instance blocked the address for longer (and reported it): as when this view already held that block.
            return longer;
        }

        await _view.PublishBlockedAsync(block, cancellationToken).ConfigureAwait(false);
        return block;
    }

    /// <inheritdoc />
    /// <exception cref="SecurityException"><c>STORAGE_UNAVAILABLE</c> when Redis cannot be reached: the block stays in force everywhere.</exception>
    public async Task<bool> UnblockAsync(string address, string actorId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(actorId);
        var key = AddressBlockKeys.Require(address);
        var now = _time.GetUtcNow();
        var local = _view.FindActive(key);
        AddressBlock? shared;
        string lift;
        try
        {
            var database = await _connection.GetDatabaseAsync().ConfigureAwait(false);
            shared = Deserialize(await database.HashGetAsync(_hashKey, key).ConfigureAwait(false))?.Block is { } stored && stored.ExpiresAt > now ? stored : null;
            if (local is null && shared is null)
            {
                return false;
            }

            // The lift must outlive every copy of the block it lifts, so that no reload brings one back.
            var until = shared is not null && (local is null || shared.ExpiresAt > local.ExpiresAt) ? shared.ExpiresAt : local!.ExpiresAt;
            lift = Serialize(new Message("unblock", _instance, key, null, now, until));
            await database.ScriptEvaluateAsync(StoreLiftScript, [_hashKey], [key, lift, TtlOf(until)]).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            LogRedisFailed(_logger, "unblock", ex.GetType().Name);
            throw new SecurityException(SecurityErrorCodes.StorageUnavailable,
                "The shared block list (Redis) cannot be reached; the block was not lifted on any instance. Retry when it is back.");
        }

        var lifted = _view.RemoveLocal(key) ?? local ?? shared!;
        await AnnounceAsync(lift, "unblock").ConfigureAwait(false);
        await _view.PublishUnblockedAsync(lifted, "manual", actorId, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Reloads the shared list into the view: takes the blocks of the other instances, drops the blocks lifted elsewhere,
    /// and writes back the blocks of this instance that Redis lacks (lost, or made while it was unreachable). A block
    /// missing from Redis is never dropped: it lasts until it expires (the sweep reports that) or is lifted.
    /// </summary>
    /// <remarks>Waits for a reload already running, then reloads again: what it read may predate the caller's reason to ask.</remarks>
    public Task ResyncAsync() => ResyncAsync(skipWhenBusy: false);

    private async Task ResyncAsync(bool skipWhenBusy)
    {
        if (skipWhenBusy)
        {
            if (!await _resyncGate.WaitAsync(0).ConfigureAwait(false))
            {
                return;
            }
        }
        else
        {
            await _resyncGate.WaitAsync().ConfigureAwait(false);
        }

        try
        {
            var database = await _connection.GetDatabaseAsync().ConfigureAwait(false);
            var now = _time.GetUtcNow();
            var shared = new Dictionary<string, AddressBlock>(StringComparer.Ordinal);
            var stale = new List<RedisValue>();
            foreach (var field in await database.HashGetAllAsync(_hashKey).ConfigureAwait(false))
            {
                var message = Deserialize(field.Value);
                if (message?.Block is { } block && block.ExpiresAt > now)
                {
                    shared[block.Address] = block;
                    _view.ApplyRemote(block);
                }
                else if (message is { Op: "unblock", Address: { } lifted, LiftedAt: { } liftedAt, Until: { } until } && until > now)
                {
                    _view.RemoveLifted(lifted, liftedAt);
                }
                else
                {
                    stale.Add(field.Name);
                    stale.Add(field.Value);
                }
            }

            if (stale.Count > 0)
            {
                await database.ScriptEvaluateAsync(RemoveStaleScript, [_hashKey], [.. stale]).ConfigureAwait(false);
            }

            foreach (var own in _view.ListActiveLocal())
            {
                if (!shared.TryGetValue(own.Address, out var stored) || stored.ExpiresAt < own.ExpiresAt)
                {
                    await ShareAsync(own).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            LogRedisFailed(_logger, "resync", ex.GetType().Name);
        }
        finally
        {
            _resyncGate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _resync.Dispose();
        _resyncGate.Dispose();
    }

    private async Task InitializeAsync()
    {
        try
        {
            var multiplexer = await _connection.MultiplexerAsync.ConfigureAwait(false);
            // Announcements sent while disconnected are lost: reload everything once Redis answers again.
            multiplexer.ConnectionRestored += (_, _) => _ = ResyncAsync();
            await multiplexer.GetSubscriber().SubscribeAsync(_channel, (_, value) => OnMessage(value)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            LogRedisFailed(_logger, "subscribe", ex.GetType().Name);
        }

        await ResyncAsync().ConfigureAwait(false);
    }

    private void OnMessage(RedisValue value)
    {
        if (Deserialize(value) is not { } message || string.Equals(message.Origin, _instance, StringComparison.Ordinal))
        {
            return;
        }

        if (message.Op == "block" && message.Block is { } block)
        {
            _view.ApplyRemote(block);
        }
        else if (message.Op == "unblock" && message.Address is { } address)
        {
            _view.RemoveLifted(address, message.LiftedAt ?? DateTimeOffset.MaxValue);
        }
    }

    /// <summary>
    /// Stores and announces a block made here; when Redis cannot take it the next reload writes it back. When Redis already
    /// holds a block of the address that lasts as long (made elsewhere, not heard of here yet), that one stays, is taken
    /// into the view and returned; otherwise the answer is null.
    /// </summary>
    private async Task<AddressBlock?> ShareAsync(AddressBlock block)
    {
        var payload = Serialize(new Message("block", _instance, block.Address, block, ExpiresMs: block.ExpiresAt.ToUnixTimeMilliseconds()));
        RedisResult kept;
        try
        {
            var database = await _connection.GetDatabaseAsync().ConfigureAwait(false);
            kept = await database.ScriptEvaluateAsync(StoreBlockScript, [_hashKey], [block.Address, payload, TtlOf(block.ExpiresAt), block.ExpiresAt.ToUnixTimeMilliseconds()]).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            LogRedisFailed(_logger, "block", ex.GetType().Name);
            return null;
        }

        if (!kept.IsNull && Deserialize((RedisValue)kept)?.Block is { } longer)
        {
            _view.ApplyRemote(longer);
            return longer;
        }

        await AnnounceAsync(payload, "block").ConfigureAwait(false);
        return null;
    }

    /// <summary>Announces a stored change; a lost announcement only delays the others until their next reload.</summary>
    private async Task AnnounceAsync(string payload, string operation)
    {
        try
        {
            var database = await _connection.GetDatabaseAsync().ConfigureAwait(false);
            await database.PublishAsync(_channel, payload).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            LogRedisFailed(_logger, operation + " announcement", ex.GetType().Name);
        }
    }

    private long TtlOf(DateTimeOffset until) => (long)Math.Max(1000, (until - _time.GetUtcNow()).TotalMilliseconds);

    private static string Serialize(Message message) => JsonSerializer.Serialize(message, Json);

    private static Message? Deserialize(RedisValue value)
    {
        if (value.IsNullOrEmpty)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Message>(value.ToString(), Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(EventId = 7311, Level = LogLevel.Warning, Message = "Shared address block list: Redis {Operation} failed ({ErrorType}); this instance keeps enforcing its own view")]
    private static partial void LogRedisFailed(ILogger logger, string operation, string errorType);

    /// <summary>A hash field or an announcement: a block, or the lift of one (when, and until when it matters).</summary>
    private sealed record Message(
        [property: JsonPropertyName("op")] string Op,
        [property: JsonPropertyName("origin")] string Origin,
        [property: JsonPropertyName("address")] string? Address,
        [property: JsonPropertyName("block")] AddressBlock? Block,
        [property: JsonPropertyName("lifted_at")] DateTimeOffset? LiftedAt = null,
        [property: JsonPropertyName("until")] DateTimeOffset? Until = null,
        [property: JsonPropertyName("expires_ms")] long? ExpiresMs = null);
}
