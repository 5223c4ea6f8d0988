namespace McpSecurity.SecurityCore.Identity;

/// <summary>What initialisation did.</summary>
/// <param name="AdminCreated">Whether an administrator was created now.</param>
/// <param name="AdminUsername">The administrator's username when created.</param>
/// <param name="GeneratedPassword">The generated password when one was generated (shown once). Secret.</param>
/// <param name="PasswordFile">The file the generated password was written to.</param>
public sealed record BootstrapResult(bool AdminCreated, string? AdminUsername, string? GeneratedPassword, string? PasswordFile);
