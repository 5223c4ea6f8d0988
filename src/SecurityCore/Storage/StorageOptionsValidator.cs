using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Storage;

/// <summary>Validates <see cref="StorageOptions"/> at start-up; each failure names the key and the rule (never a key value).</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("Storage:DataDirectory must not be empty.");
        }
        else if (options.DataDirectory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add("Storage:DataDirectory contains characters that are not valid in a path.");
        }

        if (!string.IsNullOrWhiteSpace(options.MasterKey) && !MasterKey.IsValidEncoding(options.MasterKey))
        {
            failures.Add("Storage:MasterKey must be the base64 encoding of exactly 32 random bytes (for example 'openssl rand -base64 32').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
