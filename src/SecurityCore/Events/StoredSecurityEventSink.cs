using McpSecurity.SecurityCore.Audit;
using Microsoft.Extensions.Logging;

namespace McpSecurity.SecurityCore.Events;

/// <summary>
/// The security event pipeline: each event is appended to the tamper-evident audit trail (<see cref="IAuditTrail"/>) and
/// logged at Information; <see cref="PublishAsync"/> returns once the entry is committed, then the event is queued for the
/// <see cref="ISecurityEventObserver"/>s (<see cref="SecurityEventDispatcher"/>). Reading goes to the trail too.
/// </summary>
/// <remarks>The log line carries type, outcome, subject, client, target and reason code only; details never reach the log.</remarks>
internal sealed partial class StoredSecurityEventSink(IAuditTrail trail, ILogger<StoredSecurityEventSink> logger, SecurityEventDispatcher? dispatcher = null)
    : ISecurityEventSink, ISecurityEventReader
{
    /// <inheritdoc />
    public async ValueTask PublishAsync(SecurityEvent securityEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(securityEvent);
        cancellationToken.ThrowIfCancellationRequested();
        securityEvent = SecurityActorScope.Complete(securityEvent);
        await trail.AppendAsync(securityEvent, cancellationToken).ConfigureAwait(false);
        LogEvent(logger, securityEvent.Type, securityEvent.Outcome, securityEvent.SubjectId, securityEvent.ClientId, securityEvent.Target, securityEvent.ReasonCode, securityEvent.Id);
        dispatcher?.Enqueue(securityEvent);
    }

    /// <inheritdoc />
    /// <remarks>Newest first in the order the events were recorded; at most 1000 per call. Waits for events published before.</remarks>
    public async Task<IReadOnlyList<SecurityEvent>> GetRecentAsync(int limit, string? type = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        cancellationToken.ThrowIfCancellationRequested();
        // Fire-and-forget publishers (hot paths) may still be queued: wait for them, so a reader sees what happened before it asked.
        await trail.FlushAsync(cancellationToken).ConfigureAwait(false);
        return [.. trail.GetRecent(limit, type).Select(ToEvent)];
    }

    private static SecurityEvent ToEvent(AuditEntry entry) => new()
    {
        Id = entry.EventId,
        Type = entry.Type,
        OccurredAt = entry.Timestamp,
        Outcome = entry.Outcome,
        SubjectId = entry.Actor.SubjectId,
        ClientId = entry.Actor.ClientId,
        Roles = entry.Actor.Roles,
        AuthenticationMethod = entry.Actor.AuthenticationMethod,
        Address = entry.Actor.Address,
        Target = entry.Target,
        ReasonCode = entry.ReasonCode,
        RequestId = entry.RequestId,
        Details = entry.Details,
    };

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information,
        Message = "Security event {EventType} {Outcome} subject={SubjectId} client={ClientId} target={Target} reason={ReasonCode} id={SecurityEventId}")]
    private static partial void LogEvent(ILogger logger, string eventType, string outcome, string? subjectId, string? clientId, string? target, string? reasonCode, string securityEventId);
}
