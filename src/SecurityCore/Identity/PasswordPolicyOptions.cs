namespace McpSecurity.SecurityCore.Identity;

/// <summary>Password policy (configuration section <c>Identity:PasswordPolicy</c>), after NIST SP 800-63B.</summary>
/// <remarks>
/// Lengths count Unicode code points. There are no composition rules (NIST: verifiers SHALL NOT impose them);
/// instead passwords are checked against a blocklist of common and breached passwords and context words.
/// </remarks>
public sealed class PasswordPolicyOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Identity:PasswordPolicy";

    /// <summary>The privileged roles when <see cref="PrivilegedRoles"/> is not configured.</summary>
    public static readonly IReadOnlyList<string> DefaultPrivilegedRoles = [Roles.Admin, Roles.SecurityReviewer, Roles.Architect];

    /// <summary>Gets or sets the minimum length for accounts without a second factor. Defaults to 15 (NIST SP 800-63B).</summary>
    public int MinimumLength { get; set; } = 15;

    /// <summary>Gets or sets the minimum length for accounts with an enforced second factor. Defaults to 8.</summary>
    /// <remarks>Not applied yet: until two-factor enforcement exists every account counts as single-factor.</remarks>
    public int SecondFactorMinimumLength { get; set; } = 8;

    /// <summary>Gets or sets the minimum length for accounts with a privileged role. Defaults to 16.</summary>
    public int PrivilegedMinimumLength { get; set; } = 16;

    /// <summary>Gets or sets the maximum length. Defaults to 128; must be at least 64.</summary>
    public int MaximumLength { get; set; } = 128;

    /// <summary>Gets or sets the privileged roles. Defaults to admin, security_reviewer and architect.</summary>
    public string[]? PrivilegedRoles { get; set; }

    /// <summary>Gets or sets further words a password must not contain (for example the organisation's name).</summary>
    public string[]? BlockedWords { get; set; }
}
