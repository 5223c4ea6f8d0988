using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Incidents;

namespace McpSecurity.SecurityCore.Detection;

/// <summary>Drains the observers' queue, then the notifiers' queue (see <see cref="IDetectionPipeline"/>).</summary>
internal sealed class DetectionPipeline(SecurityEventDispatcher events, IncidentNotificationDispatcher notifications) : IDetectionPipeline
{
    /// <inheritdoc />
    public long DroppedEvents => events.Dropped;

    /// <inheritdoc />
    public async Task DrainAsync(CancellationToken cancellationToken = default)
    {
        await events.FlushAsync(cancellationToken).ConfigureAwait(false);
        await notifications.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
