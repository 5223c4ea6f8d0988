namespace McpSecurity.SecurityCore.Events;

/// <summary>The one pipeline every component reports security events to.</summary>
/// <remarks>Stored in LiteDB for now; the tamper-evident audit log plugs in behind this interface later.</remarks>
public interface ISecurityEventSink
{
    /// <summary>Records an event; returns once it is durably accepted.</summary>
    ValueTask PublishAsync(SecurityEvent securityEvent, CancellationToken cancellationToken = default);
}
