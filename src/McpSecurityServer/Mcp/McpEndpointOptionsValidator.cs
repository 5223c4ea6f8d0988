using Microsoft.Extensions.Options;

namespace McpSecurity.Server.Mcp;

/// <summary>Validates <see cref="McpEndpointOptions"/> at start-up; each failure names the key and the rule.</summary>
internal sealed class McpEndpointOptionsValidator : IValidateOptions<McpEndpointOptions>
{
    public ValidateOptionsResult Validate(string? name, McpEndpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        for (var i = 0; i < options.AllowedHosts.Length; i++)
        {
            var host = options.AllowedHosts[i];
            if (string.IsNullOrWhiteSpace(host) || host.Contains("://", StringComparison.Ordinal) || host.Contains('/', StringComparison.Ordinal))
            {
                failures.Add($"Mcp:AllowedHosts:{i} must be a host name with an optional port (for example 'localhost:5080'), not '{host}'.");
            }
        }

        for (var i = 0; i < options.AllowedOrigins.Length; i++)
        {
            var origin = options.AllowedOrigins[i];
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                || uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query))
            {
                failures.Add($"Mcp:AllowedOrigins:{i} must be an http or https origin without a path (for example 'http://localhost:5080'), not '{origin}'.");
            }
        }

        if (options.RequiredScope.Any(char.IsWhiteSpace))
        {
            failures.Add("Mcp:RequiredScope must be a single scope without spaces.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
