using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using McpSecurity.SecurityCore.Detection;
using McpSecurity.SecurityCore.Distributed;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace McpSecurity.SecurityCore.Incidents;

/// <summary>
/// Blocks shared between instances: held in a Redis hash (<c>{prefix}:blocks</c>, one field per address, expiry checked by
/// every reader and expired fields removed on reload; the hash's TTL covers its longest block) and announced on the channel <c>{prefix}:blocks</c>, so every instance's in-memory view has a block within
/// moments; each view also reloads the whole list every <see cref="DetectionOptions.BlockResyncInterval"/>.
/// </summary>
/// <remarks>
/// <see cref="GetBlock"/> answers from the view and never waits on Redis. While Redis is unreachable blocks made here are
/// enforced here and written to Redis once it answers again.
/// </remarks>
internal sealed partial class RedisAddressBlockList : IAddressBlockList, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    // One atomic step: store the block and make the hash live at least as long as it (the TTL only ever grows).
    private const string StoreScript = """
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < tonumber(ARGV[3]) then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
        return 1
        """;

    private readonly InMemoryAddressBlockList _view;
    private readonly RedisConnection _connection;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisAddressBlockList> _logger;
    private readonly string _hashKey;
    private readonly RedisChannel _channel;
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<string, byte> _unshared = new(StringComparer.Ordinal);
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
        _resync = time.CreateTimer(_ => _ = ResyncAsync(), null, interval, interval);
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

        _unshared[block.Address] = 0;
        await ShareAsync(block).ConfigureAwait(false);
        await _view.PublishBlockedAsync(block, cancellationToken).ConfigureAwait(false);
        return block;
    }

    /// <inheritdoc />
    public async Task<bool> UnblockAsync(string address, string actorId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(actorId);
        var lifted = _view.RemoveLocal(address);
        _unshared.TryRemove(AddressBlockKeys.Of(address) ?? address, out _);
        var key = AddressBlockKeys.Of(address)!;
        var sharedLifted = false;
        try
        {
            var database = await _connection.GetDatabaseAsync().ConfigureAwait(false);
            sharedLifted = await database.HashDeleteAsync(_hashKey, key).ConfigureAwait(false);
            await database.PublishAsync(_channel, Serialize(new Message("unblock", _instance, key, null))).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            LogRedisFailed(_logger, "unblock", ex.GetType().Name);
        }

        if (lifted is null && !sharedLifted)
        {
            return false;
        }

        await _view.PublishUnblockedAsync(lifted ?? new AddressBlock(key, _time.GetUtcNow(), _time.GetUtcNow(), "unknown", null), "manual", actorId, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Reloads every shared block into the view (first writing the blocks Redis has not taken yet).</summary>
    public async Task ResyncAsync()
    {
        if (!await _resyncGate.WaitAsync(0).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            var database = await _connection.GetDatabaseAsync().ConfigureAwait(false);
            foreach (var key in _unshared.Keys)
            {
                if (_view.Find(key) is { } pending)
                {
                    await ShareAsync(pending).ConfigureAwait(false);
                }
                else
                {
                    _unshared.TryRemove(key, out _);
                }
            }

            var now = _time.GetUtcNow();
            var shared = new List<AddressBlock>();
            var stale = new List<RedisValue>();
            foreach (var field in await database.HashGetAllAsync(_hashKey).ConfigureAwait(false))
            {
                if (Deserialize(field.Value)?.Block is { } block && block.ExpiresAt > now)
                {
                    shared.Add(block);
                }
                else
                {
                    stale.Add(field.Name);
                }
            }

            if (stale.Count > 0)
            {
                await database.HashDeleteAsync(_hashKey, [.. stale]).ConfigureAwait(false);
            }

            _view.ReplaceRemote(shared, new HashSet<string>(_unshared.Keys, StringComparer.Ordinal));
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
            _view.RemoveRemote(address);
        }
    }

    private async Task ShareAsync(AddressBlock block)
    {
        try
        {
            var database = await _connection.GetDatabaseAsync().ConfigureAwait(false);
            var payload = Serialize(new Message("block", _instance, block.Address, block));
            var ttl = (long)Math.Max(1000, (block.ExpiresAt - _time.GetUtcNow()).TotalMilliseconds);
            await database.ScriptEvaluateAsync(StoreScript, [_hashKey], [block.Address, payload, ttl]).ConfigureAwait(false);
            await database.PublishAsync(_channel, payload).ConfigureAwait(false);
            _unshared.TryRemove(block.Address, out _);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            LogRedisFailed(_logger, "block", ex.GetType().Name);
        }
    }

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

    private sealed record Message(
        [property: JsonPropertyName("op")] string Op,
        [property: JsonPropertyName("origin")] string Origin,
        [property: JsonPropertyName("address")] string? Address,
        [property: JsonPropertyName("block")] AddressBlock? Block);
}
