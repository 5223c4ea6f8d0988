using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Tokens;

/// <summary>Validates <see cref="TokenOptions"/> at start-up; each failure names the key and the rule.</summary>
public sealed class TokenOptionsValidator : IValidateOptions<TokenOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TokenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Filled in by the token service work: lifetimes, algorithm, HS256 key length.
        return ValidateOptionsResult.Success;
    }
}
