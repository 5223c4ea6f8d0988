using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Identity;

/// <summary>Validates <see cref="PasswordPolicyOptions"/>; each failure names the key and the rule.</summary>
internal sealed class PasswordPolicyOptionsValidator : IValidateOptions<PasswordPolicyOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PasswordPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string prefix = PasswordPolicyOptions.SectionName;
        var failures = new List<string>();
        if (options.MinimumLength is < 8 or > 64)
        {
            failures.Add($"{prefix}:MinimumLength must be between 8 and 64 (NIST SP 800-63B requires at least 8, recommends 15).");
        }

        if (options.SecondFactorMinimumLength is < 8 or > 64)
        {
            failures.Add($"{prefix}:SecondFactorMinimumLength must be between 8 and 64.");
        }

        if (options.PrivilegedMinimumLength < options.MinimumLength || options.PrivilegedMinimumLength > 64)
        {
            failures.Add($"{prefix}:PrivilegedMinimumLength must be at least MinimumLength and at most 64.");
        }

        if (options.MaximumLength is < 64 or > 1024)
        {
            failures.Add($"{prefix}:MaximumLength must be between 64 and 1024 (NIST SP 800-63B: permit at least 64).");
        }

        if (options.PrivilegedRoles?.Any(string.IsNullOrWhiteSpace) == true)
        {
            failures.Add($"{prefix}:PrivilegedRoles must not contain empty names.");
        }

        if (options.BlockedWords?.Any(w => string.IsNullOrWhiteSpace(w) || w.Trim().Length < 3) == true)
        {
            failures.Add($"{prefix}:BlockedWords entries must have at least 3 characters.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
