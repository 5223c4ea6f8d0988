using System.ComponentModel;
using System.Text.Json.Serialization;
using McpSecurity.SecurityCore.TwoFactor;

namespace McpSecurity.Server.Mcp;

/// <summary>A started TOTP enrolment (MCP and REST): shown once to the enrolling user, never logged.</summary>
internal sealed record TotpEnrollmentOutput(
    [property: JsonPropertyName("secret"), Description("The base32 secret, to type into an authenticator app by hand.")] string Secret,
    [property: JsonPropertyName("otpauth_uri"), Description("The otpauth:// URI (SHA1, 6 digits, 30 seconds).")] string OtpAuthUri,
    [property: JsonPropertyName("qr_code_png"), Description("The URI as a QR code, a data:image/png;base64 URI.")] string QrCodePng,
    [property: JsonPropertyName("qr_code_svg"), Description("The URI as a QR code, an SVG document.")] string QrCodeSvg,
    [property: JsonPropertyName("issuer"), Description("The issuer the app shows.")] string Issuer,
    [property: JsonPropertyName("account"), Description("The account name the app shows.")] string Account,
    [property: JsonPropertyName("next_step"), Description("What to do next.")] string NextStep)
{
    public static TotpEnrollmentOutput From(TotpEnrollment enrollment, string nextStep)
    {
        ArgumentNullException.ThrowIfNull(enrollment);
        return new(enrollment.Secret, enrollment.OtpAuthUri, enrollment.QrCodePngDataUri, enrollment.QrCodeSvg, enrollment.Issuer, enrollment.Account, nextStep);
    }

    /// <summary>Describes the output without the secret.</summary>
    public override string ToString() => $"TotpEnrollmentOutput {{ Issuer = {Issuer}, Account = {Account} }}";
}
