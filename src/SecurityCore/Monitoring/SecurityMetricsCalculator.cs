using McpSecurity.SecurityCore.Events;

namespace McpSecurity.SecurityCore.Monitoring;

/// <summary>Counts security figures over the events of a window (rules on <see cref="ISecurityMetricsCalculator"/>).</summary>
internal sealed class SecurityMetricsCalculator(ISecurityEventWindowReader reader) : ISecurityMetricsCalculator
{
    /// <inheritdoc />
    public async Task<SecurityEventCounts> CountAsync(DateTimeOffset windowStart, DateTimeOffset windowEnd, string? target = null, CancellationToken cancellationToken = default)
    {
        var window = await reader.ReadAsync(windowStart, windowEnd, cancellationToken).ConfigureAwait(false);
        var events = window.Events;
        return new SecurityEventCounts
        {
            WindowStart = windowStart,
            WindowEnd = windowEnd,
            TotalSecurityEvents = events.Count,
            HighRiskEvents = events.Count(SecurityEventClassifier.IsHighRisk),
            RateLimitViolations = events.Sum(SecurityEventClassifier.RateLimitRefusals),
            SuspiciousActivities = events.Count(SecurityEventClassifier.IsSuspicious),
            BlockedRequests = events.Count(SecurityEventClassifier.IsBlocked),
            SecurityIncidents = events.Count(e => e.Type == SecurityEventTypes.IncidentOpened),
            AuthenticationSuccesses = events.Count(SecurityEventClassifier.IsAuthenticationSuccess),
            AuthenticationFailures = events.Count(SecurityEventClassifier.IsAuthenticationFailure),
            EncryptionOperations = events.Count(SecurityEventClassifier.IsEncryption),
            Target = target,
            TargetEvents = target is null ? events.Count : events.Count(e => string.Equals(e.Target, target, StringComparison.Ordinal)),
            Truncated = window.Truncated,
        };
    }
}
