using McpSecurity.SecurityCore.Distributed;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace McpSecurity.SecurityCore.RateLimiting;

/// <summary>
/// Runtime policy overrides shared through Redis: one hash <c>&lt;prefix&gt;:rl-overrides</c> (policy name to the change as
/// JSON, no TTL: an override stays until it is removed) and a pub/sub channel of the same name that tells every instance
/// to read the hash again.
/// </summary>
internal sealed partial class RedisRateLimitOverrideStore(RedisConnection connection, ILogger<RedisRateLimitOverrideStore> logger) : IRateLimitOverrideStore
{
    private readonly string _key = connection.KeyPrefix + ":rl-overrides";

    private RedisChannel Channel => RedisChannel.Literal(_key);

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, RateLimitPolicyOptions>> LoadAsync(CancellationToken cancellationToken = default)
    {
        HashEntry[] entries;
        try
        {
            var database = await connection.GetDatabaseAsync().ConfigureAwait(false);
            entries = await database.HashGetAllAsync(_key).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            throw Unavailable();
        }

        var result = new Dictionary<string, RateLimitPolicyOptions>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var name = entry.Name.ToString();
            if (RateLimitOverrideRecord.Parse(entry.Value.ToString()) is { } record)
            {
                result[name] = record.ToOptions();
            }
            else
            {
                LogUnreadable(logger, name);
            }
        }

        return result;
    }

    /// <inheritdoc />
    public async Task SaveAsync(string policyName, RateLimitPolicyOptions? change, CancellationToken cancellationToken = default)
    {
        try
        {
            var database = await connection.GetDatabaseAsync().ConfigureAwait(false);
            if (change is null)
            {
                await database.HashDeleteAsync(_key, policyName).ConfigureAwait(false);
            }
            else
            {
                await database.HashSetAsync(_key, policyName, RateLimitOverrideRecord.From(change).ToJson()).ConfigureAwait(false);
            }

            await database.PublishAsync(Channel, policyName).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            throw Unavailable();
        }
    }

    /// <inheritdoc />
    public async Task SubscribeAsync(Func<Task> changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        var multiplexer = await connection.MultiplexerAsync.ConfigureAwait(false);
        // Messages sent while this instance was cut off are lost: read the whole set again once Redis is back. The two
        // connections come back one after the other, in either order: a read when the subscription returns can still fail
        // for want of the command connection, so the command connection's return reads again.
        multiplexer.ConnectionRestored += (_, e) => _ = changed();
        try
        {
            // The client keeps the subscription and renews it after a reconnect, also when this first attempt fails.
            await multiplexer.GetSubscriber().SubscribeAsync(Channel, (_, _) => _ = changed()).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogSubscribeFailed(logger, ex.GetType().Name);
        }
    }

    private static SecurityException Unavailable() =>
        new(SecurityErrorCodes.RateLimitStoreUnavailable, "The shared rate-limit store (Redis) cannot be reached; the policy was not changed on any instance. Retry when it is back.");

    [LoggerMessage(EventId = 7141, Level = LogLevel.Warning, Message = "Rate limit: the shared override of policy {Policy} is unreadable and ignored")]
    private static partial void LogUnreadable(ILogger logger, string policy);

    [LoggerMessage(EventId = 7142, Level = LogLevel.Warning, Message = "Rate limit: subscribing to shared policy changes failed ({Failure}); renewed when Redis is back")]
    private static partial void LogSubscribeFailed(ILogger logger, string failure);
}
