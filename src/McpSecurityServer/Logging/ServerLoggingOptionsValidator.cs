using Microsoft.Extensions.Options;

namespace McpSecurity.Server.Logging;

/// <summary>Validates <see cref="ServerLoggingOptions"/> at start-up; the failure names the key and the levels allowed.</summary>
internal sealed class ServerLoggingOptionsValidator : IValidateOptions<ServerLoggingOptions>
{
    public ValidateOptionsResult Validate(string? name, ServerLoggingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ServerLogging.TryParseLevel(options.MinimumLevel, out _)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Logging:MinimumLevel must be one of {string.Join(", ", ServerLoggingOptions.Levels)}, not '{options.MinimumLevel}'.");
    }
}
