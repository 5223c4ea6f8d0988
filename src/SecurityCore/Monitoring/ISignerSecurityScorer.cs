namespace McpSecurity.SecurityCore.Monitoring;

/// <summary>Scores a signer from the product's own data; a hand-off approval needs at least 0.8 by default.</summary>
/// <remarks>
/// The score starts at 1. An account that is not active, or locked out now, scores 0 (<c>account_inactive</c>,
/// <c>account_locked</c>). Second factor: a code verified in the call costs nothing; otherwise 0.1 when the session was opened
/// with one (<c>mfa_not_in_call</c>), 0.2 when a factor is enrolled but was not used (<c>mfa_not_used</c>), 0.3 when none is
/// enrolled or the signer is a client (<c>mfa_not_enrolled</c>). Recent failures of the signer (failed logins and second-factor
/// codes, 24 hours) cost 0.06 each, at most 0.3 (<c>recent_failures</c>); lockouts in 7 days 0.2 each, at most 0.4
/// (<c>recent_lockouts</c>); a refresh-token reuse in 7 days 0.3 (<c>refresh_token_reuse</c>). The address costs half of what
/// its reputation lacks, <c>0.5 * (1 - reputation)</c> (<c>address_reputation</c>). The result is clamped to 0..1.
/// </remarks>
public interface ISignerSecurityScorer
{
    /// <summary>Scores the signer of a call now.</summary>
    Task<SignerSecurityAssessment> AssessAsync(SignerContext signer, CancellationToken cancellationToken = default);
}
