using McpSecurity.SecurityCore.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Identity;

/// <summary>
/// Every <see cref="SessionTimeoutOptions.ActivityFlushInterval"/>: writes the sessions' last activity behind, and once an hour
/// deletes sessions that ended more than <see cref="Retention"/> ago. Flushes once more when the host stops.
/// </summary>
internal sealed partial class SessionActivityService(
    SessionTracker tracker,
    ISessionRepository repository,
    IOptions<SessionTimeoutOptions> options,
    TimeProvider time,
    ILogger<SessionActivityService> logger) : BackgroundService
{
    /// <summary>How long ended sessions stay listable (<c>include_ended</c>) before they are deleted.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    private static readonly TimeSpan SweepInterval = TimeSpan.FromHours(1);

    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;

    /// <summary>Runs one flush (and the sweep when it is due).</summary>
    internal void RunOnce()
    {
        var written = tracker.Flush();
        var now = time.GetUtcNow();
        var deleted = 0;
        if (now - _lastSweep >= SweepInterval)
        {
            _lastSweep = now;
            deleted = repository.DeleteEnded(now - Retention);
        }

        LogFlushed(logger, written, deleted);
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            tracker.Flush();
        }
#pragma warning disable CA1031 // Stopping must not fail because the store is already closing; at most some activity is lost.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogFlushFailed(logger, ex);
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ActivityFlushInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                RunOnce();
            }
#pragma warning disable CA1031 // A store hiccup must not stop the host; the next tick tries again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogFlushFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(EventId = 1242, Level = LogLevel.Debug, Message = "Session activity: {Written} sessions written, {Deleted} old sessions deleted")]
    private static partial void LogFlushed(ILogger logger, int written, int deleted);

    [LoggerMessage(EventId = 1243, Level = LogLevel.Error, Message = "Writing session activity failed; retrying on the next tick")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);
}
