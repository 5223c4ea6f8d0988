namespace McpSecurity.SecurityCore.Identity;

/// <summary>The outcome of checking a username and password.</summary>
/// <param name="User">The account when the password matched.</param>
/// <param name="ErrorCode">The stable code when refused (always the same one for unknown user and wrong password).</param>
public sealed record UserAuthenticationResult(UserAccount? User, string? ErrorCode);
