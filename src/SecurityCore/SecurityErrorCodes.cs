namespace McpSecurity.SecurityCore;

/// <summary>Stable error codes used alike in MCP errors, REST envelopes, OAuth responses, security events and docs.</summary>
public static class SecurityErrorCodes
{
    /// <summary>The token is not a well-formed compact JWS (size, segments, base64url, JSON).</summary>
    public const string TokenMalformed = "AUTH_TOKEN_MALFORMED";
    /// <summary>The token's <c>exp</c> lies in the past (beyond the allowed skew).</summary>
    public const string TokenExpired = "AUTH_TOKEN_EXPIRED";
    /// <summary>The token's <c>nbf</c> or <c>iat</c> lies in the future (beyond the allowed skew).</summary>
    public const string TokenNotYetValid = "AUTH_TOKEN_NOT_YET_VALID";
    /// <summary>The signature does not verify with the key named by <c>kid</c>.</summary>
    public const string TokenBadSignature = "AUTH_TOKEN_BAD_SIGNATURE";
    /// <summary>The header's <c>alg</c> is not allowed or does not match the key found by <c>kid</c>.</summary>
    public const string TokenAlgorithmNotAllowed = "AUTH_TOKEN_ALG_NOT_ALLOWED";
    /// <summary>The header's <c>kid</c> names no known key.</summary>
    public const string TokenUnknownKey = "AUTH_TOKEN_UNKNOWN_KEY";
    /// <summary>The header carries a <c>crit</c> parameter this server does not understand.</summary>
    public const string TokenUnsupportedCritical = "AUTH_TOKEN_UNSUPPORTED_CRIT";
    /// <summary>The header's <c>typ</c> is not <c>at+jwt</c>.</summary>
    public const string TokenBadType = "AUTH_TOKEN_BAD_TYPE";
    /// <summary>The <c>iss</c> claim is not exactly this server's issuer.</summary>
    public const string TokenBadIssuer = "AUTH_TOKEN_BAD_ISSUER";
    /// <summary>The <c>aud</c> claim does not name this server's resource.</summary>
    public const string TokenBadAudience = "AUTH_TOKEN_BAD_AUDIENCE";
    /// <summary>A required claim is missing or has the wrong type.</summary>
    public const string TokenMissingClaim = "AUTH_TOKEN_MISSING_CLAIM";
    /// <summary>The token, its session, its user or its signing key has been revoked.</summary>
    public const string TokenRevoked = "AUTH_TOKEN_REVOKED";
    /// <summary>The refresh token is unknown, expired, revoked or was already redeemed.</summary>
    public const string RefreshTokenInvalid = "AUTH_REFRESH_TOKEN_INVALID";
    /// <summary>A redeemed refresh token was presented again; its whole family was revoked.</summary>
    public const string RefreshTokenReused = "AUTH_REFRESH_TOKEN_REUSED";
    /// <summary>Username or password (or client id or secret) is wrong; deliberately says no more.</summary>
    public const string InvalidCredentials = "AUTH_INVALID_CREDENTIALS";
    /// <summary>The account must change its password before it may do anything else.</summary>
    public const string PasswordChangeRequired = "AUTH_PASSWORD_CHANGE_REQUIRED";
    /// <summary>The password does not satisfy the password policy.</summary>
    public const string PasswordPolicyViolation = "AUTH_PASSWORD_POLICY";
    /// <summary>The account needs a second factor; a challenge was issued instead of tokens.</summary>
    public const string MfaRequired = "AUTH_MFA_REQUIRED";
    /// <summary>The account must enrol a second factor first; an enrolment challenge was issued that permits only enrolment.</summary>
    public const string MfaEnrollmentRequired = "AUTH_MFA_ENROLLMENT_REQUIRED";
    /// <summary>The second-factor challenge is unknown, expired, already used or void after too many wrong codes.</summary>
    public const string MfaChallengeInvalid = "AUTH_MFA_CHALLENGE_INVALID";
    /// <summary>The account is locked, suspended or disabled.</summary>
    public const string AccountInactive = "AUTH_ACCOUNT_INACTIVE";
    /// <summary>The call needs an authenticated principal and none was presented.</summary>
    public const string AuthRequired = "AUTH_REQUIRED";
    /// <summary>The principal lacks the permission or scope the call needs.</summary>
    public const string InsufficientPermissions = "INSUFFICIENT_PERMISSIONS";
    /// <summary>The requested scope is not allowed for this client or user.</summary>
    public const string InvalidScope = "AUTH_INVALID_SCOPE";
    /// <summary>An input failed validation; the message names the field and the rule.</summary>
    public const string ValidationFailed = "VALIDATION_FAILED";
    /// <summary>The named resource does not exist.</summary>
    public const string NotFound = "NOT_FOUND";
    /// <summary>The resource already exists.</summary>
    public const string Conflict = "CONFLICT";
    /// <summary>The Clerk bridge is not enabled on this server (<c>Clerk:Enabled</c> is false).</summary>
    public const string ClerkDisabled = "CLERK_DISABLED";
    /// <summary>Clerk (its JWKS or Backend API) could not be reached or gave an unusable answer; details are in the server log.</summary>
    public const string ClerkUnavailable = "CLERK_UNAVAILABLE";
    /// <summary>The Clerk session token's <c>azp</c> (authorized party) is missing or not in <c>Clerk:AuthorizedParties</c>.</summary>
    public const string ClerkAuthorizedPartyNotAllowed = "CLERK_AZP_NOT_ALLOWED";
    /// <summary>The Clerk session is not active (for example <c>sts</c> is <c>pending</c>) or is an impersonation that is not allowed.</summary>
    public const string ClerkSessionNotAllowed = "CLERK_SESSION_NOT_ALLOWED";
    /// <summary>The Clerk Backend API does not know the session's user (deleted since the session was issued).</summary>
    public const string ClerkUserNotFound = "CLERK_USER_NOT_FOUND";
    /// <summary>A webhook lacks one of the <c>svix-id</c>, <c>svix-timestamp</c> and <c>svix-signature</c> headers, or one is malformed.</summary>
    public const string ClerkWebhookMissingHeaders = "CLERK_WEBHOOK_MISSING_HEADERS";
    /// <summary>A webhook's <c>svix-timestamp</c> is more than five minutes in the past or the future.</summary>
    public const string ClerkWebhookStaleTimestamp = "CLERK_WEBHOOK_STALE_TIMESTAMP";
    /// <summary>No signature in a webhook's <c>svix-signature</c> header matches the body under the signing secret.</summary>
    public const string ClerkWebhookBadSignature = "CLERK_WEBHOOK_BAD_SIGNATURE";
    /// <summary>A correctly signed webhook body is not a Clerk event this server can read; the message names the field.</summary>
    public const string ClerkWebhookInvalidPayload = "CLERK_WEBHOOK_INVALID_PAYLOAD";
    /// <summary>The data directory is held by another server process; the message names the directory and the process.</summary>
    public const string DataDirectoryLocked = "STORAGE_DATA_DIRECTORY_LOCKED";
    /// <summary>The embedded store could not be opened or its master key is unusable (the message names the file or key), or a shared store (Redis) cannot be reached for a change that must reach every instance.</summary>
    public const string StorageUnavailable = "STORAGE_UNAVAILABLE";
    /// <summary>The second-factor code is wrong, expired, already used or void; deliberately says no more.</summary>
    public const string TwoFactorInvalidCode = "AUTH_2FA_INVALID_CODE";
    /// <summary>The account has not enrolled (or has no pending enrolment of) the second factor named.</summary>
    public const string TwoFactorNotEnrolled = "AUTH_2FA_NOT_ENROLLED";
    /// <summary>The SMS provider could not be reached or refused the message; the message names the provider's error code.</summary>
    public const string SmsDeliveryFailed = "SMS_DELIVERY_FAILED";
    /// <summary>An SMS code was sent moments ago; the details say after how many seconds another may be sent.</summary>
    public const string SmsResendTooSoon = "SMS_RESEND_TOO_SOON";
    /// <summary>An unexpected failure; details are in the server log under the request id, never in the response.</summary>
    public const string InternalError = "INTERNAL_ERROR";
    /// <summary>A browser <c>Origin</c> the MCP endpoint does not accept (DNS-rebinding protection).</summary>
    public const string OriginNotAllowed = "ORIGIN_NOT_ALLOWED";
    /// <summary>A <c>Host</c> header the MCP endpoint does not accept (DNS-rebinding protection).</summary>
    public const string HostNotAllowed = "HOST_NOT_ALLOWED";
    /// <summary>A token was sent in the query string, where it would leak into logs and histories; send it in a header.</summary>
    public const string TokenInQuery = "AUTH_TOKEN_IN_QUERY";
    /// <summary>The account is locked out after too many failed attempts; every attempt answers this until the lockout ends or an admin unlocks it.</summary>
    public const string AccountLocked = "AUTH_ACCOUNT_LOCKED";
    /// <summary>The session reached its idle or absolute timeout and has ended; the user must log in again.</summary>
    public const string SessionExpired = "AUTH_SESSION_EXPIRED";
    /// <summary>The change would leave no active administrator (the last admin keeps the admin role).</summary>
    public const string LastAdmin = "LAST_ADMIN";
    /// <summary>The hand-off report's status does not allow the requested one; the details name both (<c>current_status</c>, <c>requested_status</c>).</summary>
    public const string HandoffInvalidTransition = "HANDOFF_INVALID_TRANSITION";
    /// <summary>The hand-off report (or component) cannot be changed in its current status; the details name it and the operation.</summary>
    public const string HandoffReportNotEditable = "HANDOFF_REPORT_NOT_EDITABLE";
    /// <summary>The hand-off report changed since the revision the caller read (optimistic concurrency); read it again and retry.</summary>
    public const string HandoffRevisionConflict = "HANDOFF_REVISION_CONFLICT";
    /// <summary>The hand-off report is not complete (Phase 6: work summary, at least one component, overall progress 100); the details say what is missing.</summary>
    public const string HandoffReportIncomplete = "HANDOFF_REPORT_INCOMPLETE";
    /// <summary>The hand-off report lacks approved, unexpired sign-offs of required roles; the details name them.</summary>
    public const string HandoffSignOffsMissing = "HANDOFF_SIGN_OFFS_MISSING";
    /// <summary>The same person may not act twice where separation of duties applies (for example review their own report).</summary>
    public const string HandoffSeparationOfDuties = "HANDOFF_SEPARATION_OF_DUTIES";
    /// <summary>An HTTP request was refused by a rate-limit policy; <c>Retry-After</c> and the details say when to try again.</summary>
    public const string RateLimitExceeded = "RATE_LIMIT_EXCEEDED";
    /// <summary>An MCP tool call was refused by a rate-limit policy; the result carries <c>retry_after</c> (seconds).</summary>
    public const string RateLimited = "RATE_LIMITED";
    /// <summary>The shared rate-limit store is unreachable and the policy fails closed; retry after the given time.</summary>
    public const string RateLimitStoreUnavailable = "RATE_LIMIT_STORE_UNAVAILABLE";
    /// <summary>The sign-off needs a second factor in the same call (<c>two_factor_code</c> and <c>two_factor_method</c>) by the sign-off policy.</summary>
    public const string HandoffTwoFactorRequired = "HANDOFF_2FA_REQUIRED";
    /// <summary>The signer does not hold the role they sign for (their current roles in the store).</summary>
    public const string HandoffRoleNotHeld = "HANDOFF_ROLE_NOT_HELD";
    /// <summary>The role is not one the report (or component) needs a sign-off from.</summary>
    public const string HandoffRoleNotRequired = "HANDOFF_ROLE_NOT_REQUIRED";
    /// <summary>The report cannot be signed in its current status (sign-offs are given while it is submitted or under review).</summary>
    public const string HandoffReportNotSignable = "HANDOFF_REPORT_NOT_SIGNABLE";
    /// <summary>The Phase 7 component is not ready for sign-off (it must be completed or under review).</summary>
    public const string HandoffComponentNotReady = "HANDOFF_COMPONENT_NOT_READY";
    /// <summary>Phase 7 gate: the same person already signed this report (in any role); separation of duties.</summary>
    public const string HandoffDuplicateSigner = "HANDOFF_DUPLICATE_SIGNER";
    /// <summary>Phase 7 gate: the signer's security score is under the minimum (default 0.8); the details give the score and its reasons.</summary>
    public const string HandoffSecurityScoreTooLow = "HANDOFF_SECURITY_SCORE_TOO_LOW";
    /// <summary>Phase 7 gate: the reputation of the signer's address is under the configured threshold; the details give score and reasons.</summary>
    public const string HandoffIpReputationTooLow = "HANDOFF_IP_REPUTATION_TOO_LOW";
    /// <summary>Phase 7 gate: a component of the sign-off has open critical incidents; the details name them.</summary>
    public const string HandoffOpenCriticalIncidents = "HANDOFF_OPEN_CRITICAL_INCIDENTS";
    /// <summary>Phase 7 gate: the latest compliance run fails and the role's policy requires compliance validation.</summary>
    public const string HandoffComplianceFailing = "HANDOFF_COMPLIANCE_FAILING";
    /// <summary>The audit signing key cannot be used (another master key, or an unsupported algorithm in the store).</summary>
    public const string AuditKeyUnusable = "AUDIT_KEY_UNUSABLE";
    /// <summary>The audit trail could not record an event (the store failed or the trail is shut down).</summary>
    public const string AuditAppendFailed = "AUDIT_APPEND_FAILED";
    /// <summary>An audit entry's content does not hash to its stored <c>entry_hash</c> (a field was changed).</summary>
    public const string AuditEntryHashMismatch = "AUDIT_ENTRY_HASH_MISMATCH";
    /// <summary>An audit entry's <c>prev_hash</c> is not the previous entry's hash (an entry was inserted, removed or moved).</summary>
    public const string AuditChainBroken = "AUDIT_CHAIN_BROKEN";
    /// <summary>An audit sequence number is missing (an entry was deleted).</summary>
    public const string AuditSequenceGap = "AUDIT_SEQUENCE_GAP";
    /// <summary>An audit entry is unreadable: malformed document, or its details fail decryption.</summary>
    public const string AuditEntryMalformed = "AUDIT_ENTRY_MALFORMED";
    /// <summary>A checkpoint's signature does not verify with the audit key it names.</summary>
    public const string AuditCheckpointSignatureInvalid = "AUDIT_CHECKPOINT_SIGNATURE_INVALID";
    /// <summary>The Merkle root recomputed from the entries differs from a signed checkpoint's root.</summary>
    public const string AuditCheckpointRootMismatch = "AUDIT_CHECKPOINT_ROOT_MISMATCH";
    /// <summary>A signed checkpoint (stored or exported anchor) covers more entries than the trail holds: its tail was cut.</summary>
    public const string AuditTailTruncated = "AUDIT_TAIL_TRUNCATED";
    /// <summary>A stored Merkle leaf hash differs from the one recomputed from its entry.</summary>
    public const string AuditLeafMismatch = "AUDIT_LEAF_MISMATCH";
    /// <summary>The exported anchor file cannot be read or holds a malformed line.</summary>
    public const string AuditAnchorUnreadable = "AUDIT_ANCHOR_UNREADABLE";
    /// <summary>An audit query cursor is malformed or belongs to another filter.</summary>
    public const string AuditCursorInvalid = "AUDIT_CURSOR_INVALID";
    /// <summary>An audit entry or checkpoint asked for does not exist (or was removed by retention).</summary>
    public const string AuditEntryNotFound = "AUDIT_ENTRY_NOT_FOUND";
    /// <summary>A proof cannot be made for the sizes asked (beyond the trail, or in the wrong order).</summary>
    public const string AuditProofUnavailable = "AUDIT_PROOF_UNAVAILABLE";
    /// <summary>A stored retention cut record has a bad signature or does not match the stored Merkle leaves.</summary>
    public const string AuditRetentionCutInvalid = "AUDIT_RETENTION_CUT_INVALID";
    /// <summary>An exported audit file or its proof bundle does not verify (a changed, missing or extra line, a bad proof or signature).</summary>
    public const string AuditExportInvalid = "AUDIT_EXPORT_INVALID";
    /// <summary>No incident has that id.</summary>
    public const string IncidentNotFound = "INCIDENT_NOT_FOUND";
    /// <summary>The incident is resolved already; it can no longer be acknowledged or resolved.</summary>
    public const string IncidentAlreadyResolved = "INCIDENT_ALREADY_RESOLVED";
    /// <summary>The caller's address is blocked for a while (an automated response to a detected attack, or an operator's block).</summary>
    public const string AddressBlocked = "ADDRESS_BLOCKED";
    /// <summary><c>/metrics</c> refused a caller outside <c>Metrics:AllowedNetworks</c> that brought no token with <c>metrics:read</c>.</summary>
    public const string MetricsAddressNotAllowed = "METRICS_ADDRESS_NOT_ALLOWED";
}
