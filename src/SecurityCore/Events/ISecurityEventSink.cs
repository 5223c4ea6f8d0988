namespace McpSecurity.SecurityCore.Events;

/// <summary>The one pipeline every component reports security events to.</summary>
/// <remarks>Every event lands in the tamper-evident audit trail (<c>IAuditTrail</c>), redacted, with its details encrypted.</remarks>
public interface ISecurityEventSink
{
    /// <summary>Records an event; returns once it is durably accepted.</summary>
    ValueTask PublishAsync(SecurityEvent securityEvent, CancellationToken cancellationToken = default);
}
