using McpSecurity.SecurityCore.Identity;

namespace McpSecurity.SecurityCore.TwoFactor;

/// <summary>
/// Second factors of user accounts: TOTP authenticators, SMS backup codes and recovery codes. Every face (MCP tools,
/// REST, the login flow) goes through this one service.
/// </summary>
/// <remarks>
/// Wrong, replayed, expired and void codes all give <see cref="SecurityErrorCodes.TwoFactorInvalidCode"/>. Codes and
/// secrets never reach logs, events or errors.
/// </remarks>
public interface ITwoFactorService
{
    /// <summary>Gets which factors the account has (the phone number masked).</summary>
    Task<TwoFactorStatus> GetStatusAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Returns whether the account has at least one confirmed factor (TOTP or SMS).</summary>
    Task<bool> IsEnrolledAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts a TOTP enrolment: a new random 160-bit secret, pending until <see cref="ConfirmTotpEnrollmentAsync"/> sees a
    /// first valid code. A confirmed authenticator keeps working until then; starting again replaces the pending secret.
    /// </summary>
    /// <param name="userId">The user id.</param>
    /// <param name="username">The account name the authenticator app shows.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="SecurityException">The username is empty or too long (<see cref="SecurityErrorCodes.ValidationFailed"/>).</exception>
    Task<TotpEnrollment> BeginTotpEnrollmentAsync(string userId, string username, CancellationToken cancellationToken = default);

    /// <summary>Confirms the pending TOTP secret with a first valid code; returns recovery codes when it is the first factor.</summary>
    /// <exception cref="SecurityException">
    /// Nothing is pending (<see cref="SecurityErrorCodes.TwoFactorNotEnrolled"/>) or the code is not valid
    /// (<see cref="SecurityErrorCodes.TwoFactorInvalidCode"/>; counted as a failure).
    /// </exception>
    Task<TwoFactorEnrollmentResult> ConfirmTotpEnrollmentAsync(string userId, string code, CancellationToken cancellationToken = default);

    /// <summary>Checks a TOTP code: within the configured window, in constant time, each time step accepted once.</summary>
    Task<TwoFactorVerificationResult> VerifyTotpAsync(string userId, string code, CancellationToken cancellationToken = default);

    /// <summary>Starts an SMS enrolment: validates the E.164 number, keeps it encrypted and sends a code to it.</summary>
    /// <exception cref="SecurityException">
    /// The number is not E.164 (<see cref="SecurityErrorCodes.ValidationFailed"/>), a code was sent moments ago
    /// (<see cref="SecurityErrorCodes.SmsResendTooSoon"/>) or delivery failed (<see cref="SecurityErrorCodes.SmsDeliveryFailed"/>).
    /// </exception>
    Task<SmsCodeDispatch> BeginSmsEnrollmentAsync(string userId, string phoneNumber, CancellationToken cancellationToken = default);

    /// <summary>Confirms the pending phone number with the code sent to it; returns recovery codes when it is the first factor.</summary>
    /// <exception cref="SecurityException">
    /// Nothing is pending (<see cref="SecurityErrorCodes.TwoFactorNotEnrolled"/>) or the code is not valid
    /// (<see cref="SecurityErrorCodes.TwoFactorInvalidCode"/>).
    /// </exception>
    Task<TwoFactorEnrollmentResult> ConfirmSmsEnrollmentAsync(string userId, string code, CancellationToken cancellationToken = default);

    /// <summary>Sends a login code to the confirmed phone number (6 digits, single use, a limited life and number of attempts).</summary>
    /// <exception cref="SecurityException">
    /// SMS is not enrolled (<see cref="SecurityErrorCodes.TwoFactorNotEnrolled"/>), a code was sent moments ago
    /// (<see cref="SecurityErrorCodes.SmsResendTooSoon"/>) or delivery failed (<see cref="SecurityErrorCodes.SmsDeliveryFailed"/>).
    /// </exception>
    Task<SmsCodeDispatch> SendSmsLoginCodeAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Checks an SMS login code; a correct one is used up, and too many wrong ones void it.</summary>
    Task<TwoFactorVerificationResult> VerifySmsCodeAsync(string userId, string code, CancellationToken cancellationToken = default);

    /// <summary>Checks a recovery code (case, spaces and hyphens ignored); a correct one is used up.</summary>
    Task<TwoFactorVerificationResult> VerifyRecoveryCodeAsync(string userId, string code, CancellationToken cancellationToken = default);

    /// <summary>Replaces the account's recovery codes with ten new ones, shown once; the old ones stop working.</summary>
    /// <exception cref="SecurityException">The account has no confirmed factor (<see cref="SecurityErrorCodes.TwoFactorNotEnrolled"/>).</exception>
    Task<IReadOnlyList<string>> RegenerateRecoveryCodesAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Checks a code of the named method (<see cref="TwoFactorMethods"/>): the one call the login flow makes.</summary>
    /// <param name="userId">The user id.</param>
    /// <param name="method">The method of the code.</param>
    /// <param name="code">The code.</param>
    /// <param name="origin">
    /// Where the code came from, recorded on the events (attack detection counts replayed codes per address); the anonymous
    /// login step must give it. <see cref="LoginOrigin.Unknown"/> for a signed-in caller, whose actor scope supplies it.
    /// </param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="SecurityException">The method is unknown (<see cref="SecurityErrorCodes.ValidationFailed"/>).</exception>
    Task<TwoFactorVerificationResult> VerifyAsync(string userId, string method, string code, LoginOrigin origin, CancellationToken cancellationToken = default);
}
