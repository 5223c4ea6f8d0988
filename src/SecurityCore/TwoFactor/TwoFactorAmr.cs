namespace McpSecurity.SecurityCore.TwoFactor;

/// <summary>The <c>amr</c> (authentication methods reference, RFC 8176) values of the second factors.</summary>
public static class TwoFactorAmr
{
    /// <summary>A TOTP code (RFC 8176 <c>otp</c>).</summary>
    public const string Otp = "otp";

    /// <summary>An SMS code (RFC 8176 <c>sms</c>).</summary>
    public const string Sms = "sms";

    /// <summary>A recovery code (not registered by RFC 8176; this server's own value).</summary>
    public const string RecoveryCode = "rec";
}
