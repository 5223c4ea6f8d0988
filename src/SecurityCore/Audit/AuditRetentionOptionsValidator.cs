using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Audit;

/// <summary>Validates <see cref="AuditRetentionOptions"/> at start-up; each failure names the key and the rule.</summary>
internal sealed class AuditRetentionOptionsValidator : IValidateOptions<AuditRetentionOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AuditRetentionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Period < TimeSpan.FromDays(1) || options.Period > TimeSpan.FromDays(36525))
        {
            failures.Add("AuditRetention:Period must be between 1.00:00:00 (one day) and 36525.00:00:00 (a hundred years).");
        }

        if (options.RunInterval < TimeSpan.FromMinutes(1) || options.RunInterval > TimeSpan.FromDays(7))
        {
            failures.Add("AuditRetention:RunInterval must be between 00:01:00 and 7.00:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
