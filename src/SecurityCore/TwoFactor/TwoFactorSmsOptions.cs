namespace McpSecurity.SecurityCore.TwoFactor;

/// <summary>Options of the SMS backup factor (configuration section <c>TwoFactor:Sms</c>).</summary>
public sealed class TwoFactorSmsOptions
{
    /// <summary>Gets or sets the sender: <c>outbox</c> (default; development file in the data directory) or <c>twilio</c>.</summary>
    public string Provider { get; set; } = SmsProviders.Outbox;

    /// <summary>Gets or sets how long an SMS code stays valid. Defaults to 5 minutes.</summary>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets how many wrong codes void an SMS code. Defaults to 5.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Gets or sets how long after one SMS code the next may be sent. Defaults to 30 seconds; zero allows it at once.</summary>
    /// <remarks>Limits SMS pumping and message flooding through the resend button.</remarks>
    public TimeSpan ResendInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the Twilio-compatible REST adapter options, used when <see cref="Provider"/> is <c>twilio</c>.</summary>
    public TwilioSmsOptions Twilio { get; set; } = new();
}
