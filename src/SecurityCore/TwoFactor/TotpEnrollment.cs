namespace McpSecurity.SecurityCore.TwoFactor;

/// <summary>A started TOTP enrolment: what the user's authenticator app needs, shown once.</summary>
/// <param name="Secret">The shared secret in base32 (RFC 4648, no padding), for typing in by hand.</param>
/// <param name="OtpAuthUri">The <c>otpauth://totp/</c> URI (issuer, account, SHA1, 6 digits, 30 seconds).</param>
/// <param name="QrCodePngDataUri">The URI as a QR code, a <c>data:image/png;base64,</c> URI.</param>
/// <param name="QrCodeSvg">The URI as a QR code, an SVG document.</param>
/// <param name="Issuer">The issuer the app shows.</param>
/// <param name="Account">The account name the app shows (the username).</param>
/// <remarks>Everything here except issuer and account reveals the secret: return it to the enrolling user only, never log it.</remarks>
public sealed record TotpEnrollment(string Secret, string OtpAuthUri, string QrCodePngDataUri, string QrCodeSvg, string Issuer, string Account)
{
    /// <summary>Describes the enrolment without the secret, so that logging the object leaks nothing.</summary>
    public override string ToString() => $"TotpEnrollment {{ Issuer = {Issuer}, Account = {Account} }}";
}
