namespace McpSecurity.SecurityCore.Identity;

/// <summary>Checks a new password against the policy (NIST SP 800-63B lengths, blocklist, context words).</summary>
public interface IPasswordPolicy
{
    /// <summary>Returns null when acceptable, otherwise a message naming the rule that failed.</summary>
    string? Check(string password, IReadOnlyList<string> roles, IReadOnlyList<string> contextWords);
}
