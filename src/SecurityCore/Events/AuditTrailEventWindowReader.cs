using McpSecurity.SecurityCore.Audit;

namespace McpSecurity.SecurityCore.Events;

/// <summary>
/// Reads a time window from the audit trail: entries are appended in time order, so the first entry of the window is found
/// by binary search over sequence numbers and the window is read forward from there.
/// </summary>
/// <remarks>
/// Publishers stamp events just before appending them, so neighbouring entries may be out of order by moments; the search
/// starts <see cref="Slack"/> early and every entry is filtered by its own timestamp.
/// </remarks>
internal sealed class AuditTrailEventWindowReader(IAuditTrail trail) : ISecurityEventWindowReader
{
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public async Task<SecurityEventWindow> ReadAsync(DateTimeOffset windowStart, DateTimeOffset windowEnd, CancellationToken cancellationToken = default)
    {
        if (windowEnd < windowStart)
        {
            throw new SecurityException(SecurityErrorCodes.ValidationFailed, "The window ends before it starts.");
        }

        await trail.FlushAsync(cancellationToken).ConfigureAwait(false);
        var size = trail.GetTreeHead().TreeSize;
        var events = new List<SecurityEvent>();
        var truncated = false;
        var from = windowStart - Slack;
        var until = windowEnd + Slack;
        for (var sequence = FirstAtOrAfter(from, size); sequence <= size; sequence++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (trail.GetEntry(sequence) is not { } entry)
            {
                continue;
            }

            if (entry.Timestamp >= until)
            {
                break;
            }

            if (entry.Timestamp < windowStart || entry.Timestamp >= windowEnd)
            {
                continue;
            }

            if (events.Count == SecurityEventWindow.MaxEvents)
            {
                truncated = true;
                break;
            }

            events.Add(ToEvent(entry));
        }

        return new SecurityEventWindow(windowStart, windowEnd, events, truncated);
    }

    private long FirstAtOrAfter(DateTimeOffset instant, long size)
    {
        long low = 1, high = size + 1;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            var entry = trail.GetEntry(middle);
            if (entry is not null && entry.Timestamp < instant)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
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
}
