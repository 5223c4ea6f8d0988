namespace McpSecurity.SecurityCore.TwoFactor;

/// <summary>Delivers a text message; chosen by <c>TwoFactor:Sms:Provider</c>.</summary>
public interface ISmsSender
{
    /// <summary>Gets the provider name (<see cref="SmsProviders"/>).</summary>
    string Provider { get; }

    /// <summary>Sends <paramref name="message"/>; returns once the provider accepted it.</summary>
    /// <exception cref="SecurityException">Delivery failed (code <see cref="SecurityErrorCodes.SmsDeliveryFailed"/>).</exception>
    Task<SmsDeliveryResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default);
}
