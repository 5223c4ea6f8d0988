using System.Collections.Concurrent;
using System.Globalization;
using McpSecurity.SecurityCore.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.RateLimiting;

/// <summary>
/// Audits bypasses: a security event for the first bypass of a policy by a principal, then at most one per
/// <see cref="RateLimitingOptions.BypassAuditInterval"/> counting the bypasses since the last one, so an administrator's
/// traffic is visible without one stored event per request.
/// </summary>
internal sealed partial class RateLimitBypassAuditor(
    ISecurityEventSink events,
    IOptionsMonitor<RateLimitingOptions> options,
    TimeProvider time,
    ILogger<RateLimitBypassAuditor> logger)
{
    private const int MaxTracked = 10_000;
    private readonly ConcurrentDictionary<string, Tally> _tallies = new(StringComparer.Ordinal);

    /// <summary>Records one bypass; publishes an event when one is due.</summary>
    public ValueTask RecordAsync(RateLimitPolicy policy, RateLimitRequest request, string role, string key)
    {
        var principal = request.UserId ?? request.ClientId ?? "anonymous";
        var now = time.GetUtcNow();
        var interval = options.CurrentValue.BypassAuditInterval;
        if (_tallies.Count > MaxTracked)
        {
            _tallies.Clear();
        }

        var tally = _tallies.GetOrAdd(policy.Name + "|" + principal, static _ => new Tally());
        int count;
        lock (tally)
        {
            tally.Pending++;
            if (tally.LastPublished is { } last && now - last < interval)
            {
                return ValueTask.CompletedTask;
            }

            count = tally.Pending;
            tally.Pending = 0;
            tally.LastPublished = now;
        }

        return PublishAsync(policy, request, role, key, count, now);
    }

    private async ValueTask PublishAsync(RateLimitPolicy policy, RateLimitRequest request, string role, string key, int count, DateTimeOffset now)
    {
        try
        {
            await events.PublishAsync(new SecurityEvent
            {
                Type = SecurityEventTypes.RateLimitBypassed,
                OccurredAt = now,
                Outcome = SecurityEventOutcomes.Info,
                SubjectId = request.UserId,
                ClientId = request.ClientId,
                Address = request.Address?.ToString(),
                RequestId = request.RequestId,
                Target = policy.Name,
                Details = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["policy"] = policy.Name,
                    ["role"] = role,
                    ["key"] = key,
                    ["bypasses"] = count.ToString(CultureInfo.InvariantCulture),
                    ["endpoint"] = request.Endpoint ?? string.Empty,
                    ["tool"] = request.Tool ?? string.Empty,
                },
            }).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // An audit failure is logged; the request it describes was already admitted.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogAuditFailed(logger, policy.Name, ex);
        }
    }

    [LoggerMessage(EventId = 7121, Level = LogLevel.Warning, Message = "Could not audit a bypass of rate-limit policy {Policy}")]
    private static partial void LogAuditFailed(ILogger logger, string policy, Exception exception);

    private sealed class Tally
    {
        public int Pending;
        public DateTimeOffset? LastPublished;
    }
}
