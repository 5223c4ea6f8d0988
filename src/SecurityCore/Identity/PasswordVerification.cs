namespace McpSecurity.SecurityCore.Identity;

/// <summary>The result of verifying a password.</summary>
public enum PasswordVerification
{
    /// <summary>The secret does not match.</summary>
    Failed,
    /// <summary>The secret matches.</summary>
    Succeeded,
    /// <summary>The secret matches but the hash parameters are below the current configuration: rehash it.</summary>
    SucceededRehashNeeded,
}
