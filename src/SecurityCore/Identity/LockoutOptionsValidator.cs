using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Identity;

/// <summary>Validates <see cref="LockoutOptions"/>; each failure names the key and the rule.</summary>
internal sealed class LockoutOptionsValidator : IValidateOptions<LockoutOptions>
{
    /// <summary>The largest number of failed attempts accepted before a lockout.</summary>
    public const int MaxAttempts = 100;

    /// <summary>The longest lockout accepted.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(1);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, LockoutOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string prefix = LockoutOptions.SectionName;
        var failures = new List<string>();
        if (options.MaxFailedAttempts is < 1 or > MaxAttempts)
        {
            failures.Add($"{prefix}:MaxFailedAttempts must be between 1 and {MaxAttempts}.");
        }

        if (options.Duration < TimeSpan.FromSeconds(1) || options.Duration > MaxDuration)
        {
            failures.Add($"{prefix}:Duration must be between 00:00:01 and {MaxDuration:c}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
