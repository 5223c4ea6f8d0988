using McpSecurity.SecurityCore;

namespace McpSecurity.Server.Http;

/// <summary>Maps stable error codes to HTTP status codes, the one place REST does so.</summary>
internal static class ErrorStatus
{
    /// <summary>Gets the HTTP status for <paramref name="code"/>.</summary>
    public static int For(string code) => code switch
    {
        SecurityErrorCodes.InvalidCredentials or SecurityErrorCodes.AuthRequired => StatusCodes.Status401Unauthorized,
        SecurityErrorCodes.TokenMalformed or SecurityErrorCodes.TokenExpired or SecurityErrorCodes.TokenNotYetValid
            or SecurityErrorCodes.TokenBadSignature or SecurityErrorCodes.TokenAlgorithmNotAllowed
            or SecurityErrorCodes.TokenUnknownKey or SecurityErrorCodes.TokenUnsupportedCritical
            or SecurityErrorCodes.TokenBadType or SecurityErrorCodes.TokenBadIssuer or SecurityErrorCodes.TokenBadAudience
            or SecurityErrorCodes.TokenMissingClaim or SecurityErrorCodes.TokenRevoked
            or SecurityErrorCodes.SessionExpired => StatusCodes.Status401Unauthorized,
        SecurityErrorCodes.PasswordChangeRequired or SecurityErrorCodes.AccountInactive or SecurityErrorCodes.AccountLocked
            or SecurityErrorCodes.InsufficientPermissions or SecurityErrorCodes.OriginNotAllowed
            or SecurityErrorCodes.HostNotAllowed => StatusCodes.Status403Forbidden,
        SecurityErrorCodes.ClerkAuthorizedPartyNotAllowed or SecurityErrorCodes.ClerkSessionNotAllowed or SecurityErrorCodes.ClerkUserNotFound
            or SecurityErrorCodes.ClerkWebhookBadSignature or SecurityErrorCodes.ClerkWebhookStaleTimestamp => StatusCodes.Status401Unauthorized,
        SecurityErrorCodes.ClerkDisabled => StatusCodes.Status404NotFound,
        SecurityErrorCodes.ClerkUnavailable => StatusCodes.Status503ServiceUnavailable,
        SecurityErrorCodes.RateLimitStoreUnavailable or SecurityErrorCodes.StorageUnavailable => StatusCodes.Status503ServiceUnavailable,
        SecurityErrorCodes.NotFound or SecurityErrorCodes.AuditEntryNotFound => StatusCodes.Status404NotFound,
        SecurityErrorCodes.HandoffRevisionConflict or SecurityErrorCodes.HandoffInvalidTransition or SecurityErrorCodes.HandoffReportNotEditable
            or SecurityErrorCodes.HandoffReportNotSignable or SecurityErrorCodes.HandoffComponentNotReady or SecurityErrorCodes.HandoffSignOffsMissing
            or SecurityErrorCodes.HandoffReportIncomplete => StatusCodes.Status409Conflict,
        SecurityErrorCodes.HandoffSeparationOfDuties or SecurityErrorCodes.HandoffDuplicateSigner or SecurityErrorCodes.HandoffRoleNotHeld
            or SecurityErrorCodes.HandoffTwoFactorRequired or SecurityErrorCodes.HandoffSecurityScoreTooLow or SecurityErrorCodes.HandoffIpReputationTooLow
            or SecurityErrorCodes.HandoffOpenCriticalIncidents or SecurityErrorCodes.HandoffComplianceFailing => StatusCodes.Status403Forbidden,
        SecurityErrorCodes.Conflict or SecurityErrorCodes.LastAdmin => StatusCodes.Status409Conflict,
        SecurityErrorCodes.IncidentNotFound => StatusCodes.Status404NotFound,
        SecurityErrorCodes.IncidentAlreadyResolved => StatusCodes.Status409Conflict,
        SecurityErrorCodes.AddressBlocked => StatusCodes.Status403Forbidden,
        SecurityErrorCodes.InternalError => StatusCodes.Status500InternalServerError,
        _ => StatusCodes.Status400BadRequest,
    };
}
