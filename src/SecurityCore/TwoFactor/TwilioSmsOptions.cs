namespace McpSecurity.SecurityCore.TwoFactor;

/// <summary>Options of the Twilio-compatible SMS adapter (configuration section <c>TwoFactor:Sms:Twilio</c>).</summary>
public sealed class TwilioSmsOptions
{
    /// <summary>Gets or sets the API base URL. Defaults to <c>https://api.twilio.com</c>; plain http only for loopback stand-ins.</summary>
    public string BaseUrl { get; set; } = "https://api.twilio.com";

    /// <summary>Gets or sets the account SID (<c>AC</c> and 32 hex digits), the user name of HTTP basic auth.</summary>
    public string? AccountSid { get; set; }

    /// <summary>Gets or sets the auth token, the password of HTTP basic auth.</summary>
    /// <remarks>A secret: it never appears in logs, errors or events. Prefer the environment variable <c>MCPSEC__TwoFactor__Sms__Twilio__AuthToken</c>.</remarks>
    public string? AuthToken { get; set; }

    /// <summary>Gets or sets the sending phone number (E.164).</summary>
    public string? From { get; set; }
}
