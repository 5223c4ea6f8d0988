using McpSecurity.SecurityCore.Storage;
using Microsoft.Extensions.Logging;

namespace McpSecurity.SecurityCore.Events;

/// <summary>
/// The security event pipeline for now: each event is stored through <see cref="ISecurityEventRepository"/> (the
/// <c>security_events</c> collection of the embedded store) and logged at Information. The tamper-evident audit log
/// replaces it later behind <see cref="ISecurityEventSink"/>.
/// </summary>
/// <remarks>The log line carries type, outcome, subject, client, target and reason code only; details never reach the log.</remarks>
internal sealed partial class StoredSecurityEventSink(ISecurityEventRepository repository, ILogger<StoredSecurityEventSink> logger)
    : ISecurityEventSink, ISecurityEventReader
{
    /// <inheritdoc />
    public ValueTask PublishAsync(SecurityEvent securityEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(securityEvent);
        cancellationToken.ThrowIfCancellationRequested();
        repository.Append(securityEvent);
        LogEvent(logger, securityEvent.Type, securityEvent.Outcome, securityEvent.SubjectId, securityEvent.ClientId, securityEvent.Target, securityEvent.ReasonCode, securityEvent.Id);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    /// <remarks>Newest first in the order the events were recorded; at most 1000 per call.</remarks>
    public Task<IReadOnlyList<SecurityEvent>> GetRecentAsync(int limit, string? type = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(repository.GetRecent(limit, type));
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information,
        Message = "Security event {EventType} {Outcome} subject={SubjectId} client={ClientId} target={Target} reason={ReasonCode} id={SecurityEventId}")]
    private static partial void LogEvent(ILogger logger, string eventType, string outcome, string? subjectId, string? clientId, string? target, string? reasonCode, string securityEventId);
}
