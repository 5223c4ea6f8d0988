namespace McpSecurity.SecurityCore.Monitoring;

/// <summary>Counts security figures from the recorded events of a window; nothing is typed in.</summary>
/// <remarks>
/// Rules (event types of <see cref="Events.SecurityEventTypes"/>): authentication successes are successful
/// <c>login_succeeded</c>, <c>client_authenticated</c> and <c>clerk_session_exchanged</c>; failures are <c>login_failed</c>,
/// <c>two_factor_failed</c> and failed <c>client_authenticated</c> / <c>clerk_session_exchanged</c>; suspicious activities are
/// <c>access_denied</c>, <c>refresh_token_reuse</c>, token validation failures with a bad signature, refused algorithm, unknown
/// key or unsupported critical header, and Clerk webhooks with a bad signature; blocked requests are <c>access_denied</c> and
/// refusals with <c>AUTH_ACCOUNT_LOCKED</c>; high-risk events are <c>refresh_token_reuse</c>, <c>account_locked</c>, the
/// forged-looking tokens, hand-off sign-offs refused by a Phase 7 gate and <c>incident_opened</c> of severity critical or high.
/// Rate-limit violations are the refused requests counted by the coalesced <c>rate_limit_exceeded</c> events.
/// </remarks>
public interface ISecurityMetricsCalculator
{
    /// <summary>Counts the events of [<paramref name="windowStart"/>, <paramref name="windowEnd"/>); <paramref name="target"/> also counts the events about it.</summary>
    Task<SecurityEventCounts> CountAsync(DateTimeOffset windowStart, DateTimeOffset windowEnd, string? target = null, CancellationToken cancellationToken = default);
}
