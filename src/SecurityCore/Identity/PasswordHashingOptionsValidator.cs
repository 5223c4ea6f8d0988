using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Identity;

/// <summary>Validates <see cref="PasswordHashingOptions"/>; each failure names the key and the rule.</summary>
internal sealed class PasswordHashingOptionsValidator : IValidateOptions<PasswordHashingOptions>
{
    /// <summary>The largest memory cost accepted (1 GiB), also when reading a stored hash.</summary>
    public const int MaxMemoryKiB = 1024 * 1024;

    /// <summary>The largest number of passes accepted.</summary>
    public const int MaxIterations = 64;

    /// <summary>The largest degree of parallelism accepted.</summary>
    public const int MaxParallelism = 64;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PasswordHashingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string prefix = PasswordHashingOptions.SectionName;
        var failures = new List<string>();
        if (options.Parallelism is < 1 or > MaxParallelism)
        {
            failures.Add($"{prefix}:Parallelism must be between 1 and {MaxParallelism}.");
        }

        if (options.MemoryKiB < 8 * Math.Max(1, options.Parallelism) || options.MemoryKiB > MaxMemoryKiB)
        {
            failures.Add($"{prefix}:MemoryKiB must be at least 8 x Parallelism and at most {MaxMemoryKiB} (1 GiB).");
        }

        if (options.Iterations is < 1 or > MaxIterations)
        {
            failures.Add($"{prefix}:Iterations must be between 1 and {MaxIterations}.");
        }

        if (options.SaltLength is < 16 or > 64)
        {
            failures.Add($"{prefix}:SaltLength must be between 16 and 64 bytes.");
        }

        if (options.HashLength is < 16 or > 64)
        {
            failures.Add($"{prefix}:HashLength must be between 16 and 64 bytes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
