namespace McpSecurity.SecurityCore.Events;

/// <summary>Hears every security event after it is committed to the audit trail (for example the attack detector).</summary>
/// <remarks>Observers are called off the publisher's path, in publish order, one event at a time; a slow or failing observer
/// never blocks or fails <see cref="ISecurityEventSink.PublishAsync"/>.</remarks>
public interface ISecurityEventObserver
{
    /// <summary>Handles one committed event.</summary>
    ValueTask OnEventAsync(SecurityEvent securityEvent, CancellationToken cancellationToken = default);
}
