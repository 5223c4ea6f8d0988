namespace McpSecurity.SecurityCore.Identity;

/// <summary>A newly registered client with its secret, shown once.</summary>
/// <param name="Client">The client.</param>
/// <param name="ClientSecret">The secret; shown once and stored only hashed.</param>
public sealed record ClientRegistrationResult(ClientAccount Client, string ClientSecret);
