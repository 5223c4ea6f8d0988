using McpSecurity.SecurityCore.Events;

namespace McpSecurity.SecurityCore.Monitoring;

/// <summary>The one place that says what kind of thing an event is, for metrics, reputations and scores.</summary>
internal static class SecurityEventClassifier
{
    private static readonly HashSet<string> ForgeryCodes =
    [
        SecurityErrorCodes.TokenBadSignature, SecurityErrorCodes.TokenAlgorithmNotAllowed, SecurityErrorCodes.TokenUnknownKey,
        SecurityErrorCodes.TokenUnsupportedCritical,
    ];

    private static readonly HashSet<string> GateCodes =
    [
        SecurityErrorCodes.HandoffSecurityScoreTooLow, SecurityErrorCodes.HandoffIpReputationTooLow, SecurityErrorCodes.HandoffDuplicateSigner,
        SecurityErrorCodes.HandoffOpenCriticalIncidents, SecurityErrorCodes.HandoffComplianceFailing,
    ];

    public static bool IsFailure(SecurityEvent e) => e.Outcome == SecurityEventOutcomes.Failure;

    /// <summary>Gets how many refused requests a <c>rate_limit_exceeded</c> event counts (its <c>count</c>), 0 for any other event.</summary>
    public static long RateLimitRefusals(SecurityEvent e) =>
        e.Type != SecurityEventTypes.RateLimitExceeded ? 0
        : long.TryParse(e.Details.GetValueOrDefault("count"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) && count > 0 ? count : 1;

    public static bool IsAuthenticationSuccess(SecurityEvent e) =>
        !IsFailure(e) && e.Type is SecurityEventTypes.LoginSucceeded or SecurityEventTypes.ClientAuthenticated or SecurityEventTypes.ClerkSessionExchanged;

    public static bool IsAuthenticationFailure(SecurityEvent e) =>
        e.Type is SecurityEventTypes.LoginFailed or SecurityEventTypes.TwoFactorFailed
        || (IsFailure(e) && e.Type is SecurityEventTypes.ClientAuthenticated or SecurityEventTypes.ClerkSessionExchanged);

    public static bool IsForgedToken(SecurityEvent e) =>
        e.Type == SecurityEventTypes.TokenValidationFailed && e.ReasonCode is { } code && ForgeryCodes.Contains(code);

    public static bool IsSuspicious(SecurityEvent e) =>
        e.Type is SecurityEventTypes.AccessDenied or SecurityEventTypes.RefreshTokenReuse
        || IsForgedToken(e)
        || (e.Type == SecurityEventTypes.ClerkWebhookReceived && e.ReasonCode == SecurityErrorCodes.ClerkWebhookBadSignature);

    public static bool IsBlocked(SecurityEvent e) =>
        e.Type == SecurityEventTypes.AccessDenied || (IsFailure(e) && e.ReasonCode == SecurityErrorCodes.AccountLocked);

    public static bool IsGateRefusal(SecurityEvent e) =>
        e.Type == SecurityEventTypes.HandoffSignedOff && IsFailure(e) && e.ReasonCode is { } code && GateCodes.Contains(code);

    public static bool IsSevereIncident(SecurityEvent e) =>
        e.Type == SecurityEventTypes.IncidentOpened && e.Details.TryGetValue("severity", out var severity)
        && severity is IncidentSeverities.Critical or IncidentSeverities.High;

    public static bool IsHighRisk(SecurityEvent e) =>
        e.Type is SecurityEventTypes.RefreshTokenReuse or SecurityEventTypes.AccountLocked
        || IsForgedToken(e) || IsGateRefusal(e) || IsSevereIncident(e);

    public static bool IsEncryption(SecurityEvent e) =>
        e.Details.Count > 0 || (e.Type == SecurityEventTypes.TwoFactorEnrolled && !IsFailure(e));
}
