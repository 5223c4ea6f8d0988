using System.ComponentModel;
using System.Text.Json.Serialization;
using McpSecurity.SecurityCore.TwoFactor;

namespace McpSecurity.Server.Mcp;

/// <summary>An SMS code that was sent (MCP and REST); the number masked, the code never.</summary>
internal sealed record SmsCodeSentOutput(
    [property: JsonPropertyName("sent"), Description("Always true.")] bool Sent,
    [property: JsonPropertyName("masked_phone_number"), Description("Where the code went, masked.")] string MaskedPhoneNumber,
    [property: JsonPropertyName("expires_in"), Description("Seconds until the code lapses.")] int ExpiresIn,
    [property: JsonPropertyName("provider"), Description("The sender that took it (outbox or twilio).")] string Provider)
{
    public static SmsCodeSentOutput From(SmsCodeDispatch dispatch, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(dispatch);
        return new(true, dispatch.MaskedPhoneNumber, (int)Math.Max(0, Math.Ceiling((dispatch.ExpiresAt - now).TotalSeconds)), dispatch.Provider);
    }
}
