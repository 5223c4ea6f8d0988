namespace McpSecurity.SecurityCore.TwoFactor;

/// <summary>A text message to send.</summary>
/// <param name="To">The recipient in E.164 form.</param>
/// <param name="Body">The text; it carries a code, so it is never logged.</param>
public sealed record SmsMessage(string To, string Body)
{
    /// <summary>Describes the message without recipient or text.</summary>
    public override string ToString() => "SmsMessage { To = ***, Body = *** }";
}
