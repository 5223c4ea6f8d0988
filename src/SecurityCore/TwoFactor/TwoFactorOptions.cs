namespace McpSecurity.SecurityCore.TwoFactor;

/// <summary>Options of two-factor authentication (configuration section <c>TwoFactor</c>).</summary>
/// <remarks>Validated at start-up by <see cref="TwoFactorOptionsValidator"/>; a bad value stops the server naming the key.</remarks>
public sealed class TwoFactorOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "TwoFactor";

    /// <summary>Gets or sets the issuer shown by authenticator apps and used in SMS texts. Defaults to "MCP Security Server".</summary>
    /// <remarks>At most 64 characters, no colon (the otpauth label separates issuer and account with one).</remarks>
    public string Issuer { get; set; } = "MCP Security Server";

    /// <summary>Gets or sets how many 30-second steps before and after the current one a TOTP code may come from. Defaults to 1.</summary>
    /// <remarks>RFC 6238 recommends at most one step of network delay; each extra step widens the guessing window.</remarks>
    public int TotpWindow { get; set; } = 1;

    /// <summary>Gets or sets the SMS backup options.</summary>
    public TwoFactorSmsOptions Sms { get; set; } = new();
}
