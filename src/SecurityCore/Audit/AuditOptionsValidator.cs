using System.Net;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Audit;

/// <summary>Validates <see cref="AuditOptions"/> at start-up; each failure names the key and the rule.</summary>
internal sealed class AuditOptionsValidator : IValidateOptions<AuditOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.CheckpointEveryEntries is < 1 or > 1_000_000)
        {
            failures.Add("Audit:CheckpointEveryEntries must be between 1 and 1000000.");
        }

        if (options.CheckpointInterval < TimeSpan.FromSeconds(1) || options.CheckpointInterval > TimeSpan.FromDays(1))
        {
            failures.Add("Audit:CheckpointInterval must be between 00:00:01 and 1.00:00:00.");
        }

        if (options.MaxBatchSize is < 1 or > 100_000)
        {
            failures.Add("Audit:MaxBatchSize must be between 1 and 100000.");
        }

        if (!string.IsNullOrWhiteSpace(options.AnchorFilePath) && options.AnchorFilePath.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add("Audit:AnchorFilePath contains characters that are not valid in a path.");
        }

        if (!string.IsNullOrWhiteSpace(options.AnchorWebhookUrl))
        {
            if (!Uri.TryCreate(options.AnchorWebhookUrl, UriKind.Absolute, out var uri)
                || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri))))
            {
                failures.Add("Audit:AnchorWebhookUrl must be an absolute https URL (http only for loopback addresses).");
            }
        }

        if (options.AnchorWebhookTimeout <= TimeSpan.Zero || options.AnchorWebhookTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add("Audit:AnchorWebhookTimeout must be positive and at most 00:05:00.");
        }

        if (options.DropFields.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("Audit:DropFields must not contain empty names.");
        }

        if (options.HashFields.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("Audit:HashFields must not contain empty names.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
