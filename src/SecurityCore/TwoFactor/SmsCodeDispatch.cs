namespace McpSecurity.SecurityCore.TwoFactor;

/// <summary>An SMS code that was sent.</summary>
/// <param name="MaskedPhoneNumber">Where it went, masked (for example <c>+44*******123</c>).</param>
/// <param name="ExpiresAt">When the code lapses.</param>
/// <param name="Provider">The sender that took it (<see cref="SmsProviders"/>).</param>
public sealed record SmsCodeDispatch(string MaskedPhoneNumber, DateTimeOffset ExpiresAt, string Provider);
