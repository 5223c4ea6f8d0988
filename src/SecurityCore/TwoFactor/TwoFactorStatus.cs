namespace McpSecurity.SecurityCore.TwoFactor;

/// <summary>What second factors an account has; safe to show to the account's owner (the phone number is masked).</summary>
/// <param name="UserId">The user id.</param>
/// <param name="IsEnrolled">Whether at least one factor (TOTP or SMS) is confirmed.</param>
/// <param name="TotpEnabled">Whether a TOTP authenticator is confirmed.</param>
/// <param name="TotpEnrollmentPending">Whether a TOTP secret waits for its first code.</param>
/// <param name="SmsEnabled">Whether a phone number is confirmed.</param>
/// <param name="SmsEnrollmentPending">Whether a phone number waits for the code sent to it.</param>
/// <param name="MaskedPhoneNumber">The confirmed phone number, masked (for example <c>+44*******123</c>); null without one.</param>
/// <param name="RecoveryCodesRemaining">Unused recovery codes left.</param>
/// <param name="Methods">The methods a login may use now (<see cref="TwoFactorMethods"/>), in the order to offer them.</param>
public sealed record TwoFactorStatus(
    string UserId,
    bool IsEnrolled,
    bool TotpEnabled,
    bool TotpEnrollmentPending,
    bool SmsEnabled,
    bool SmsEnrollmentPending,
    string? MaskedPhoneNumber,
    int RecoveryCodesRemaining,
    IReadOnlyList<string> Methods);
