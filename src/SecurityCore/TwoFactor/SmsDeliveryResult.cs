namespace McpSecurity.SecurityCore.TwoFactor;

/// <summary>A message the provider accepted.</summary>
/// <param name="Provider">The provider (<see cref="SmsProviders"/>).</param>
/// <param name="MessageId">The provider's id for the message (Twilio: <c>SM…</c>), when it gave one.</param>
/// <param name="Status">The provider's status (Twilio: <c>queued</c>, …), when it gave one.</param>
public sealed record SmsDeliveryResult(string Provider, string? MessageId, string? Status);
