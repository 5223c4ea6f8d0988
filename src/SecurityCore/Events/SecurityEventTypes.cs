namespace McpSecurity.SecurityCore.Events;

/// <summary>The event types the token and identity services emit.</summary>
public static class SecurityEventTypes
{
    /// <summary>An access (and maybe refresh) token was issued.</summary>
    public const string TokenIssued = "token_issued";
    /// <summary>A refresh token was redeemed for a new pair.</summary>
    public const string TokenRefreshed = "token_refreshed";
    /// <summary>A redeemed refresh token was presented again; its family was revoked.</summary>
    public const string RefreshTokenReuse = "refresh_token_reuse";
    /// <summary>A token, session, user's tokens or key's tokens were revoked.</summary>
    public const string TokenRevoked = "token_revoked";
    /// <summary>A token failed validation.</summary>
    public const string TokenValidationFailed = "token_validation_failed";
    /// <summary>The signing key was rotated.</summary>
    public const string SigningKeyRotated = "signing_key_rotated";
    /// <summary>A login succeeded.</summary>
    public const string LoginSucceeded = "login_succeeded";
    /// <summary>A login failed.</summary>
    public const string LoginFailed = "login_failed";
    /// <summary>A Clerk session token was exchanged for the mapped local user, or the exchange was refused.</summary>
    public const string ClerkSessionExchanged = "clerk_session_exchanged";
    /// <summary>A Clerk webhook was received: handled, ignored, or refused (bad signature, stale, unreadable).</summary>
    public const string ClerkWebhookReceived = "clerk_webhook_received";
    /// <summary>A user's profile or roles were changed (for example synchronised from Clerk).</summary>
    public const string UserUpdated = "user_updated";
    /// <summary>A user's status changed (for example disabled because the Clerk user was deleted); details say whether sessions were ended.</summary>
    public const string UserStatusChanged = "user_status_changed";
    /// <summary>A login needs a second factor; a challenge was issued.</summary>
    public const string MfaChallengeIssued = "mfa_challenge_issued";
    /// <summary>A password was changed.</summary>
    public const string PasswordChanged = "password_changed";
    /// <summary>A client (agent or service) authenticated or failed to.</summary>
    public const string ClientAuthenticated = "client_authenticated";
    /// <summary>A client registration was created.</summary>
    public const string ClientRegistered = "client_registered";
    /// <summary>A user was created.</summary>
    public const string UserCreated = "user_created";
    /// <summary>The bootstrap administrator was created.</summary>
    public const string BootstrapAdminCreated = "bootstrap_admin_created";
    /// <summary>A call was refused for lack of permission.</summary>
    public const string AccessDenied = "access_denied";
    /// <summary>A second-factor enrolment (TOTP secret or phone number) was started and waits for its first code.</summary>
    public const string TwoFactorEnrollmentStarted = "two_factor_enrollment_started";
    /// <summary>A second factor was confirmed by its first valid code.</summary>
    public const string TwoFactorEnrolled = "two_factor_enrolled";
    /// <summary>A second-factor code (TOTP, SMS or recovery) was accepted.</summary>
    public const string TwoFactorVerified = "two_factor_verified";
    /// <summary>A second-factor code was refused (wrong, replayed, expired or void).</summary>
    public const string TwoFactorFailed = "two_factor_failed";
    /// <summary>An SMS code was sent (or written to the development outbox).</summary>
    public const string TwoFactorSmsSent = "two_factor_sms_sent";
    /// <summary>A new set of recovery codes replaced the old one.</summary>
    public const string RecoveryCodesRegenerated = "recovery_codes_regenerated";
    /// <summary>A role was assigned to a user or client.</summary>
    public const string RoleAssigned = "role_assigned";
    /// <summary>A role was revoked from a user or client.</summary>
    public const string RoleRevoked = "role_revoked";
    /// <summary>A custom role was created from catalogue permissions.</summary>
    public const string RoleCreated = "role_created";
    /// <summary>An account was locked out after too many failed attempts.</summary>
    public const string AccountLocked = "account_locked";
    /// <summary>An administrator lifted an account's lockout.</summary>
    public const string AccountUnlocked = "account_unlocked";
    /// <summary>The audit trail was verified (outcome success or failure; details carry the code and first bad sequence).</summary>
    public const string AuditVerified = "audit_verified";
    /// <summary>The audit trail was read (a query, a proof or the recent resource); details carry the filter, never the results.</summary>
    public const string AuditRead = "audit_read";
    /// <summary>A range of the audit trail was exported with its proof bundle.</summary>
    public const string AuditExported = "audit_exported";
    /// <summary>Entries older than the retention period were removed behind a signed cut record.</summary>
    public const string AuditRetentionCut = "audit_retention_cut";
    /// <summary>A session was revoked by its user or an administrator.</summary>
    public const string SessionRevoked = "session_revoked";
    /// <summary>A session reached its idle or absolute timeout (automatic logoff).</summary>
    public const string SessionExpired = "session_expired";
    /// <summary>A session was ended by an account change (password changed, account suspended, disabled or deleted).</summary>
    public const string SessionEnded = "session_ended";
    /// <summary>A user account was soft-deleted.</summary>
    public const string UserDeleted = "user_deleted";
    /// <summary>A hand-off report was created (or its creation refused).</summary>
    public const string HandoffReportCreated = "handoff_report_created";
    /// <summary>A hand-off report's content was changed (or the change refused).</summary>
    public const string HandoffReportUpdated = "handoff_report_updated";
    /// <summary>A hand-off report was submitted for review (or the submission refused).</summary>
    public const string HandoffReportSubmitted = "handoff_report_submitted";
    /// <summary>A hand-off report was reviewed: approved, rejected or sent back for amendments (or the review refused).</summary>
    public const string HandoffReportReviewed = "handoff_report_reviewed";
    /// <summary>The progress of a Phase 6 or Phase 7 component of a hand-off report was changed (or the change refused).</summary>
    public const string HandoffComponentUpdated = "handoff_component_updated";
    /// <summary>A caller's bypass role let requests pass a rate-limit policy uncounted (coalesced per principal and policy; details count them).</summary>
    public const string RateLimitBypassed = "rate_limit_bypassed";
    /// <summary>The shared rate-limit store (Redis) became unreachable; policies fail closed or fall back to local limiters.</summary>
    public const string RateLimitStoreDegraded = "rate_limit_store_degraded";
    /// <summary>The shared rate-limit store answers again.</summary>
    public const string RateLimitStoreRecovered = "rate_limit_store_recovered";
    /// <summary>The rate-limit policies were replaced (configuration reload or an administrator), or a bad reload was refused.</summary>
    public const string RateLimitPoliciesChanged = "rate_limit_policies_changed";
    /// <summary>A hand-off report was signed off (approved, rejected or conditional) by a person in a role, or the sign-off was refused (a gate, 2FA, role).</summary>
    public const string HandoffSignedOff = "handoff_signed_off";
    /// <summary>A hand-off sign-off reached its expiry and stopped counting.</summary>
    public const string HandoffSignOffExpired = "handoff_sign_off_expired";
    /// <summary>A Phase 7 component of a hand-off report became <c>signed_off</c> (every required role approved), or lost it when a sign-off expired.</summary>
    public const string HandoffComponentSignedOff = "handoff_component_signed_off";
    /// <summary>A security incident was opened (details: <c>incident_id</c>, <c>severity</c>, <c>component</c>).</summary>
    public const string IncidentOpened = "incident_opened";
    /// <summary>A security incident was resolved (details: <c>incident_id</c>).</summary>
    public const string IncidentResolved = "incident_resolved";
    /// <summary>A security incident was acknowledged (details: <c>incident_id</c>).</summary>
    public const string IncidentAcknowledged = "incident_acknowledged";
    /// <summary>An address was blocked (details: <c>address</c>, <c>expires_at</c>, <c>reason</c>, <c>incident_id</c>).</summary>
    public const string AddressBlocked = "address_blocked";
    /// <summary>An address block was lifted early by an operator, or expired.</summary>
    public const string AddressUnblocked = "address_unblocked";
    /// <summary>Requests were refused by a rate-limit policy (coalesced per key and policy per minute; details count them).</summary>
    public const string RateLimitExceeded = "rate_limit_exceeded";
}
