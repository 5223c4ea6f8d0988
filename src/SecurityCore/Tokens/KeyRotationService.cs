using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Tokens;

/// <summary>Rotates the signing key every <see cref="TokenOptions.KeyRotationInterval"/> (off when it is empty).</summary>
/// <remarks>Rotation is due when the active key is older than the interval, so a restart does not postpone it.</remarks>
internal sealed partial class KeyRotationService(
    SigningKeyService keys,
    IOptions<TokenOptions> options,
    TimeProvider timeProvider,
    ILogger<KeyRotationService> logger) : BackgroundService
{
    private static readonly TimeSpan MaxCheckPeriod = TimeSpan.FromMinutes(1);

    /// <summary>Rotates when the active key is at least <paramref name="interval"/> old; returns whether it did.</summary>
    internal bool RotateIfDue(TimeSpan interval)
    {
        var active = keys.GetActiveKey();
        if (timeProvider.GetUtcNow() - active.CreatedAt < interval)
        {
            return false;
        }

        var rotated = keys.Rotate();
        LogScheduledRotation(logger, rotated.KeyId, active.KeyId);
        return true;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.KeyRotationInterval is not { } interval)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval < MaxCheckPeriod ? interval : MaxCheckPeriod, timeProvider);
        do
        {
            try
            {
                RotateIfDue(interval);
            }
#pragma warning disable CA1031 // A store hiccup must not stop the host; the next tick tries again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogRotationFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Scheduled rotation: signing key {KeyId} replaces {PreviousKeyId}")]
    private static partial void LogScheduledRotation(ILogger logger, string keyId, string previousKeyId);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Error, Message = "Scheduled signing key rotation failed; retrying on the next tick")]
    private static partial void LogRotationFailed(ILogger logger, Exception exception);
}
