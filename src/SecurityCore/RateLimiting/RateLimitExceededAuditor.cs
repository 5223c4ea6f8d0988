using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using McpSecurity.SecurityCore.Events;
using Microsoft.Extensions.Logging;

namespace McpSecurity.SecurityCore.RateLimiting;

/// <summary>
/// Reports refusals as <c>rate_limit_exceeded</c>: an event for the first refusal of a key by a policy, then at most one per
/// <see cref="Interval"/> counting the refusals since the last one (details <c>count</c>), so a storm of 429s is visible to
/// attack detection and the figures without one stored event per request.
/// </summary>
/// <remarks>
/// The event names the caller by address and subject; the counter key only as a hash prefix (<c>key_ref</c>). Where the
/// "user" of a policy is what a login form was given (login, two-factor and token policies) it may be a mistyped password,
/// so it is never the subject there: only its hash reference is recorded.
/// </remarks>
internal sealed partial class RateLimitExceededAuditor(ISecurityEventSink events, TimeProvider time, ILogger<RateLimitExceededAuditor> logger)
{
    /// <summary>The shortest time between two events of one key and policy.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private const int MaxTracked = 10_000;
    private readonly ConcurrentDictionary<string, Tally> _tallies = new(StringComparer.Ordinal);

    /// <summary>Records one refusal; publishes an event when one is due.</summary>
    public ValueTask RecordAsync(RateLimitDecision decision, RateLimitRequest request)
    {
        var now = time.GetUtcNow();
        if (_tallies.Count > MaxTracked)
        {
            _tallies.Clear();
        }

        var tally = _tallies.GetOrAdd(decision.Key, static _ => new Tally());
        int count;
        lock (tally)
        {
            tally.Pending++;
            if (tally.LastPublished is { } last && now - last < Interval)
            {
                return ValueTask.CompletedTask;
            }

            count = tally.Pending;
            tally.Pending = 0;
            tally.LastPublished = now;
        }

        return PublishAsync(decision, request, count, now);
    }

    private async ValueTask PublishAsync(RateLimitDecision decision, RateLimitRequest request, int count, DateTimeOffset now)
    {
        var policy = decision.Policy;
        var typedName = policy.Category is RateLimitCategories.Login or RateLimitCategories.TwoFactor or RateLimitCategories.Token;
        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["policy"] = policy.Name,
            ["category"] = policy.Category,
            ["count"] = count.ToString(CultureInfo.InvariantCulture),
            ["key_ref"] = Reference(decision.Key),
            ["retry_after_seconds"] = ((long)Math.Ceiling(decision.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture),
            ["endpoint"] = request.Endpoint ?? string.Empty,
            ["tool"] = request.Tool ?? string.Empty,
        };
        if (typedName && (request.LoginName ?? request.UserId) is { Length: > 0 } typed)
        {
            details["user_ref"] = Reference(typed);
        }

        try
        {
            await events.PublishAsync(new SecurityEvent
            {
                Type = SecurityEventTypes.RateLimitExceeded,
                OccurredAt = now,
                Outcome = SecurityEventOutcomes.Failure,
                SubjectId = typedName ? null : request.UserId ?? request.ClientId,
                ClientId = request.ClientId,
                Address = request.Address?.ToString(),
                RequestId = request.RequestId,
                Target = policy.Name,
                ReasonCode = SecurityErrorCodes.RateLimitExceeded,
                Details = details,
            }).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // An audit failure is logged; the request it describes was already refused.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogAuditFailed(logger, policy.Name, ex);
        }
    }

    private static string Reference(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)).AsSpan(0, 8));

    [LoggerMessage(EventId = 7122, Level = LogLevel.Warning, Message = "Could not report refusals of rate-limit policy {Policy}")]
    private static partial void LogAuditFailed(ILogger logger, string policy, Exception exception);

    private sealed class Tally
    {
        public int Pending;
        public DateTimeOffset? LastPublished;
    }
}
