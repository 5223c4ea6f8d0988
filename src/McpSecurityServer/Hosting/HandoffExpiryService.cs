using McpSecurity.Handoff;
using Microsoft.Extensions.Options;

namespace McpSecurity.Server.Hosting;

/// <summary>Records expired hand-off sign-offs on a timer (<c>Handoff:SignOff:ExpirySweepInterval</c>): an audit event each.</summary>
internal sealed partial class HandoffExpiryService(
    IHandoffSignOffService signOffs,
    IOptions<HandoffSignOffOptions> options,
    TimeProvider time,
    ILogger<HandoffExpiryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ExpirySweepInterval, time);
        try
        {
            do
            {
                try
                {
                    var expired = await signOffs.ExpireDueAsync(stoppingToken);
                    if (expired > 0)
                    {
                        LogExpired(logger, expired);
                    }
                }
                catch (McpSecurity.SecurityCore.SecurityException ex)
                {
                    LogSweepFailed(logger, ex.Code);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "{Count} hand-off sign-offs reached their expiry")]
    private static partial void LogExpired(ILogger logger, int count);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "The hand-off sign-off expiry sweep failed: {Code}")]
    private static partial void LogSweepFailed(ILogger logger, string code);
}
