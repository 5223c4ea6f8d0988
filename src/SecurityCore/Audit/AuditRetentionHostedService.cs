using McpSecurity.SecurityCore.Authorization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Audit;

/// <summary>Runs the retention cut every <see cref="AuditRetentionOptions.RunInterval"/> (first after one interval) when enabled.</summary>
internal sealed partial class AuditRetentionHostedService(
    IAuditRetentionService retention,
    IOptions<AuditRetentionOptions> options,
    TimeProvider timeProvider,
    ILogger<AuditRetentionHostedService> logger) : BackgroundService
{
    /// <summary>The actor recorded for scheduled cuts.</summary>
    public const string ActorId = "audit-retention-schedule";

    private readonly TaskCompletionSource _scheduled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the schedule's timer exists (ExecuteAsync runs in the background since .NET 10).</summary>
    internal Task Scheduled => _scheduled.Task;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.RunInterval, timeProvider);
        _scheduled.TrySetResult();
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await retention.CutAsync(new ActingPrincipal(ActorId, IsLocalOperator: true, Address: "schedule"), stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A store hiccup must not stop the host; the next tick tries again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogCutFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(EventId = 2551, Level = LogLevel.Error, Message = "The scheduled audit retention cut failed; it runs again at the next interval")]
    private static partial void LogCutFailed(ILogger logger, Exception exception);
}
