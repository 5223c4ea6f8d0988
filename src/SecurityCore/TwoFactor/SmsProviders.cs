namespace McpSecurity.SecurityCore.TwoFactor;

/// <summary>The values of <see cref="TwoFactorSmsOptions.Provider"/>.</summary>
public static class SmsProviders
{
    /// <summary>The development adapter: messages are appended to <c>&lt;data-dir&gt;/sms-outbox.jsonl</c>.</summary>
    public const string Outbox = "outbox";

    /// <summary>The Twilio-compatible REST adapter.</summary>
    public const string Twilio = "twilio";
}
