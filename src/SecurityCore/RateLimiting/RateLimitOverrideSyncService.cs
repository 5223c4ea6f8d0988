using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace McpSecurity.SecurityCore.RateLimiting;

/// <summary>Keeps this instance's runtime overrides equal to the shared set: loaded at start, read again on every change message and after a reconnect.</summary>
internal sealed partial class RateLimitOverrideSyncService(IRateLimiter limiter, IRateLimitOverrideStore store, ILogger<RateLimitOverrideSyncService> logger) : IHostedService, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (limiter is not RateLimiter target)
        {
            return;
        }

        await store.SubscribeAsync(() => SyncAsync(target)).ConfigureAwait(false);
        await SyncAsync(target).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    /// <summary>Reads the shared set and applies it (one at a time, so an older read never overwrites a newer one).</summary>
    internal async Task SyncAsync(RateLimiter target)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            target.ApplySharedOverrides(await store.LoadAsync().ConfigureAwait(false));
        }
        catch (SecurityException ex)
        {
            // Redis is down: keep the overrides in force; the reconnect triggers the next read.
            LogSyncFailed(logger, ex.Code);
        }
        finally
        {
            _gate.Release();
        }
    }

    [LoggerMessage(EventId = 7143, Level = LogLevel.Warning, Message = "Rate limit: shared overrides not read ({Code}); the ones in force stay until Redis is back")]
    private static partial void LogSyncFailed(ILogger logger, string code);
}
