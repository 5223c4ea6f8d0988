using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Events;
using Microsoft.Extensions.Logging;

namespace McpSecurity.SecurityCore.Audit;

/// <summary>
/// Records <c>audit_read</c> events: who read the trail, through which operation, with which filter (never the results).
/// </summary>
/// <remarks>
/// Two guards keep reading from feeding itself: the same reader repeating the same read (a dashboard polling, a client
/// paging through one filter) is recorded once per <see cref="CoalesceWindow"/>, and queries leave <c>audit_read</c>
/// entries out unless asked for them. Free text is recorded as a hash prefix and length: a search term may be a
/// patient's name, which must never enter the log.
/// </remarks>
internal sealed partial class AuditReadRecorder(ISecurityEventSink events, TimeProvider timeProvider, ILogger<AuditReadRecorder> logger)
{
    /// <summary>How long a repeated identical read is not recorded again.</summary>
    public static readonly TimeSpan CoalesceWindow = TimeSpan.FromMinutes(1);

    private const int MaxRemembered = 10_000;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _recent = new(StringComparer.Ordinal);

    /// <summary>Records a read unless the same reader made the same read within the window; returns whether it was recorded.</summary>
    public async Task<bool> RecordAsync(ActingPrincipal reader, string operation, IReadOnlyDictionary<string, string> filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var now = timeProvider.GetUtcNow();
        var key = reader.Id + "\u001f" + operation + "\u001f" + string.Join('\u001f', filter.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
        if (_recent.TryGetValue(key, out var last) && now - last < CoalesceWindow && now >= last)
        {
            return false;
        }

        if (_recent.Count >= MaxRemembered)
        {
            foreach (var stale in _recent.Where(p => now - p.Value >= CoalesceWindow).Select(p => p.Key).ToList())
            {
                _recent.TryRemove(stale, out _);
            }
        }

        _recent[key] = now;
        var details = new Dictionary<string, string>(filter, StringComparer.Ordinal) { ["operation"] = operation };
        try
        {
            await events.PublishAsync(new SecurityEvent
            {
                Type = SecurityEventTypes.AuditRead,
                OccurredAt = now,
                Outcome = SecurityEventOutcomes.Success,
                SubjectId = reader.Id,
                Address = reader.Address,
                RequestId = reader.RequestId,
                Target = "audit_trail",
                Details = details,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (SecurityException ex)
        {
            // The read is answered only if it was recorded: an unrecorded read of the audit trail must not happen.
            _recent.TryRemove(key, out _);
            LogReadNotRecorded(logger, operation, ex.Code);
            throw;
        }

        return true;
    }

    /// <summary>Describes a query's filter for the event (free text as hash prefix and length only).</summary>
    public static Dictionary<string, string> Describe(AuditQuery query)
    {
        var filter = new Dictionary<string, string>(StringComparer.Ordinal);
        Add(filter, "filter_from", query.From?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        Add(filter, "filter_to", query.To?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        Add(filter, "filter_actor", query.Actor);
        Add(filter, "filter_type", query.Type);
        Add(filter, "filter_outcome", query.Outcome);
        Add(filter, "filter_target", query.Target);
        if (!string.IsNullOrEmpty(query.Text))
        {
            filter["filter_text_sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(query.Text)))[..12];
            filter["filter_text_length"] = query.Text.Length.ToString(CultureInfo.InvariantCulture);
        }

        return filter;
    }

    private static void Add(Dictionary<string, string> filter, string name, string? value)
    {
        if (value is not null)
        {
            filter[name] = value;
        }
    }

    [LoggerMessage(EventId = 2540, Level = LogLevel.Warning, Message = "An audit read ({Operation}) could not be recorded ({Code}); it was refused")]
    private static partial void LogReadNotRecorded(ILogger logger, string operation, string code);
}
