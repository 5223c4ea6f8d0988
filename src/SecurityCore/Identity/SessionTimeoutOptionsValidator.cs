using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Identity;

/// <summary>Validates <see cref="SessionTimeoutOptions"/>; each failure names the key and the rule.</summary>
internal sealed class SessionTimeoutOptionsValidator : IValidateOptions<SessionTimeoutOptions>
{
    /// <summary>The longest idle timeout accepted.</summary>
    public static readonly TimeSpan MaxIdleTimeout = TimeSpan.FromDays(1);

    /// <summary>The longest absolute timeout accepted.</summary>
    public static readonly TimeSpan MaxAbsoluteTimeout = TimeSpan.FromDays(90);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SessionTimeoutOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string prefix = SessionTimeoutOptions.SectionName;
        var failures = new List<string>();
        if (options.IdleTimeout < TimeSpan.FromMinutes(1) || options.IdleTimeout > MaxIdleTimeout)
        {
            failures.Add($"{prefix}:IdleTimeout must be between 00:01:00 and {MaxIdleTimeout:c}.");
        }

        if (options.AbsoluteTimeout < TimeSpan.FromMinutes(1) || options.AbsoluteTimeout > MaxAbsoluteTimeout)
        {
            failures.Add($"{prefix}:AbsoluteTimeout must be between 00:01:00 and {MaxAbsoluteTimeout:c}.");
        }
        else if (options.AbsoluteTimeout < options.IdleTimeout)
        {
            failures.Add($"{prefix}:AbsoluteTimeout must not be shorter than {prefix}:IdleTimeout.");
        }

        if (options.ActivityFlushInterval < TimeSpan.FromSeconds(1) || options.ActivityFlushInterval > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{prefix}:ActivityFlushInterval must be between 00:00:01 and 00:05:00.");
        }
        else if (options.ActivityFlushInterval >= options.IdleTimeout)
        {
            failures.Add($"{prefix}:ActivityFlushInterval must be shorter than {prefix}:IdleTimeout.");
        }

        if (options.CacheSize is < 100 or > 10_000_000)
        {
            failures.Add($"{prefix}:CacheSize must be between 100 and 10000000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
