namespace McpSecurity.SecurityCore.TwoFactor;

/// <summary>The outcome of checking a second-factor code.</summary>
/// <param name="Succeeded">Whether the code was accepted.</param>
/// <param name="Method">The method checked (<see cref="TwoFactorMethods"/>).</param>
/// <param name="Amr">The <c>amr</c> value to record in tokens when accepted (<see cref="TwoFactorAmr"/>); null when refused.</param>
/// <param name="ErrorCode">
/// When refused: <see cref="SecurityErrorCodes.TwoFactorInvalidCode"/> for a wrong, replayed, expired or void code (one
/// error for all, on purpose), or <see cref="SecurityErrorCodes.TwoFactorNotEnrolled"/> when the method is not enrolled.
/// </param>
/// <param name="ConsecutiveFailures">Failed verifications of this account since its last success (0 after a success); what lockout counts.</param>
/// <param name="RecoveryCodesRemaining">Unused recovery codes left, after this verification.</param>
public sealed record TwoFactorVerificationResult(
    bool Succeeded,
    string Method,
    string? Amr,
    string? ErrorCode,
    int ConsecutiveFailures,
    int RecoveryCodesRemaining)
{
    /// <summary>Gets whether the refusal should count towards lockout (a code was guessed wrong, not a missing enrolment).</summary>
    public bool CountsAsFailure => !Succeeded && ErrorCode == SecurityErrorCodes.TwoFactorInvalidCode;
}
