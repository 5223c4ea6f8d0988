using System.ComponentModel;
using System.Text.Json.Serialization;
using McpSecurity.SecurityCore.TwoFactor;

namespace McpSecurity.Server.Mcp;

/// <summary>The caller's second factors (REST <c>GET /api/v1/me/2fa</c>).</summary>
internal sealed record TwoFactorStatusOutput(
    [property: JsonPropertyName("enrolled"), Description("Whether a TOTP or SMS factor is confirmed.")] bool Enrolled,
    [property: JsonPropertyName("totp_enabled")] bool TotpEnabled,
    [property: JsonPropertyName("totp_enrollment_pending")] bool TotpEnrollmentPending,
    [property: JsonPropertyName("sms_enabled")] bool SmsEnabled,
    [property: JsonPropertyName("sms_enrollment_pending")] bool SmsEnrollmentPending,
    [property: JsonPropertyName("masked_phone_number")] string? MaskedPhoneNumber,
    [property: JsonPropertyName("recovery_codes_remaining")] int RecoveryCodesRemaining,
    [property: JsonPropertyName("methods")] IReadOnlyList<string> Methods,
    [property: JsonPropertyName("required"), Description("Whether this account must have a second factor.")] bool Required)
{
    public static TwoFactorStatusOutput From(TwoFactorStatus status, bool required)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new(status.IsEnrolled, status.TotpEnabled, status.TotpEnrollmentPending, status.SmsEnabled, status.SmsEnrollmentPending,
            status.MaskedPhoneNumber, status.RecoveryCodesRemaining, status.Methods, required);
    }
}
