using McpSecurity.SecurityCore.Events;
using Microsoft.Extensions.Logging;

namespace McpSecurity.SecurityCore.Tokens;

/// <summary>Reports token events to the one pipeline; a failing sink is logged and never breaks the operation.</summary>
internal sealed partial class TokenEventPublisher(ISecurityEventSink sink, ILogger<TokenEventPublisher> logger)
{
    /// <summary>Publishes without waiting (hot or synchronous paths); failures are observed and logged.</summary>
    public void Publish(SecurityEvent securityEvent)
    {
        try
        {
            var pending = sink.PublishAsync(securityEvent);
            if (pending.IsCompletedSuccessfully)
            {
                pending.GetAwaiter().GetResult();
            }
            else
            {
                _ = ObserveAsync(pending, securityEvent.Type);
            }
        }
#pragma warning disable CA1031 // An event sink failure must not turn a security decision into a crash.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogPublishFailed(logger, ex, securityEvent.Type);
        }
    }

    /// <summary>Publishes and waits until the sink accepted it; failures are logged.</summary>
    public async ValueTask PublishAsync(SecurityEvent securityEvent, CancellationToken cancellationToken)
    {
        try
        {
            await sink.PublishAsync(securityEvent, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // An event sink failure must not undo a grant that already happened.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogPublishFailed(logger, ex, securityEvent.Type);
        }
    }

    private async Task ObserveAsync(ValueTask pending, string type)
    {
        try
        {
            await pending;
        }
#pragma warning disable CA1031 // Fire-and-forget: the failure is logged, nothing else can handle it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogPublishFailed(logger, ex, type);
        }
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Error, Message = "Security event {EventType} could not be recorded")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string eventType);
}
