using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace McpSecurity.SecurityCore.Distributed;

/// <summary>Validates <see cref="RedisOptions"/>; each failure names the key and the rule (never the value, which may hold a password).</summary>
internal sealed class RedisOptionsValidator : IValidateOptions<RedisOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RedisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var section = RedisOptions.SectionName;
        if (options.IsConfigured)
        {
            try
            {
                var parsed = ConfigurationOptions.Parse(options.Configuration!);
                if (parsed.EndPoints.Count == 0)
                {
                    failures.Add($"{section}:{nameof(RedisOptions.Configuration)} names no endpoint (for example 127.0.0.1:6379).");
                }
            }
            catch (ArgumentException)
            {
                failures.Add($"{section}:{nameof(RedisOptions.Configuration)} is not a valid StackExchange.Redis configuration string (for example 127.0.0.1:6379,password=...).");
            }
        }

        if (string.IsNullOrWhiteSpace(options.KeyPrefix) || options.KeyPrefix.Length > 32 || options.KeyPrefix.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')))
        {
            failures.Add($"{section}:{nameof(RedisOptions.KeyPrefix)} must be 1 to 32 characters of a-z, A-Z, 0-9, '_', '-' and '.'.");
        }

        if (options.OperationTimeout < TimeSpan.FromMilliseconds(10) || options.OperationTimeout > TimeSpan.FromSeconds(30))
        {
            failures.Add($"{section}:{nameof(RedisOptions.OperationTimeout)} must be between 00:00:00.010 and 00:00:30.");
        }

        if (options.ConnectTimeout < TimeSpan.FromMilliseconds(100) || options.ConnectTimeout > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{section}:{nameof(RedisOptions.ConnectTimeout)} must be between 00:00:00.100 and 00:01:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
