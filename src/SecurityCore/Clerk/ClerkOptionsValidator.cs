using System.Net;
using McpSecurity.SecurityCore.Identity;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Clerk;

/// <summary>Validates <see cref="ClerkOptions"/> when the bridge is enabled; each failure names the key and the rule, never a secret.</summary>
internal sealed class ClerkOptionsValidator : IValidateOptions<ClerkOptions>
{
    private const string Prefix = ClerkOptions.SectionName;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ClerkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        CheckUrl(failures, "Issuer", options.Issuer, required: true);
        CheckUrl(failures, "JwksUrl", options.JwksUrl, required: false);
        CheckUrl(failures, "BackendApiBaseUrl", options.BackendApiBaseUrl, required: true);

        var parties = options.AuthorizedParties ?? [];
        for (var i = 0; i < parties.Length; i++)
        {
            if (!IsOrigin(parties[i]))
            {
                failures.Add($"{Prefix}:AuthorizedParties:{i} must be an origin such as 'https://app.example.com' (scheme, host and optional port; no path, no trailing slash).");
            }
        }

        if (!IsWellFormedSecretKey(options.SecretKey))
        {
            failures.Add($"{Prefix}:SecretKey must be set to the instance's secret key ('sk_live_...' or 'sk_test_...', no spaces) when {Prefix}:Enabled is true.");
        }

        if (!SvixWebhookVerifier.TryDecodeSecret(options.WebhookSigningSecret, out _))
        {
            failures.Add($"{Prefix}:WebhookSigningSecret must be set to the endpoint's signing secret ('whsec_' followed by base64 of 16 to 128 bytes) when {Prefix}:Enabled is true.");
        }

        CheckMapping(failures, "RoleMapping", options.RoleMapping);
        CheckMapping(failures, "OrganizationRoleMapping", options.OrganizationRoleMapping);
        var defaults = options.DefaultRoles ?? [];
        for (var i = 0; i < defaults.Length; i++)
        {
            if (defaults[i] is null || !IdentityRules.IsValidRole(defaults[i]))
            {
                failures.Add($"{Prefix}:DefaultRoles:{i} must be a role name of 1 to 64 characters of a-z, 0-9, '_', '.', ':' and '-', starting with a letter.");
            }
        }

        CheckRange(failures, "JwksCacheLifetime", options.JwksCacheLifetime, TimeSpan.FromMinutes(1), TimeSpan.FromDays(1));
        CheckRange(failures, "JwksMinimumRefreshInterval", options.JwksMinimumRefreshInterval, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        if (options.JwksMinimumRefreshInterval > options.JwksCacheLifetime)
        {
            failures.Add($"{Prefix}:JwksMinimumRefreshInterval must not exceed {Prefix}:JwksCacheLifetime.");
        }

        CheckRange(failures, "ClockSkew", options.ClockSkew, TimeSpan.Zero, TimeSpan.FromMinutes(5));
        CheckRange(failures, "HttpTimeout", options.HttpTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Returns whether a URL is absolute, https (or http to a loopback host), without user info, query or fragment.</summary>
    internal static bool IsAcceptableUrl(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || !Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri))
        {
            return false;
        }

        var schemeOk = uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri));
        return schemeOk && uri.UserInfo.Length == 0 && uri.Query.Length == 0 && uri.Fragment.Length == 0;
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));

    private static bool IsOrigin(string? value) =>
        IsAcceptableUrl(value) && Uri.TryCreate(value!.Trim(), UriKind.Absolute, out var uri) && uri.AbsolutePath == "/" && !value.Trim().EndsWith('/');

    private static bool IsWellFormedSecretKey(string? value) =>
        value is { Length: >= 16 and <= 512 } && value.StartsWith("sk_", StringComparison.Ordinal) && value.All(c => c is > ' ' and < '\u007f');

    private static void CheckUrl(List<string> failures, string key, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                failures.Add($"{Prefix}:{key} must be set when {Prefix}:Enabled is true.");
            }

            return;
        }

        if (!IsAcceptableUrl(value))
        {
            failures.Add($"{Prefix}:{key} must be an absolute https URL (http only for a loopback address) without user info, query or fragment.");
        }
    }

    private static void CheckMapping(List<string> failures, string key, Dictionary<string, string>? mapping)
    {
        foreach (var (clerkRole, ourRoles) in mapping ?? [])
        {
            if (string.IsNullOrWhiteSpace(clerkRole) || clerkRole.Any(char.IsWhiteSpace))
            {
                failures.Add($"{Prefix}:{key} has a key that is empty or contains spaces.");
                continue;
            }

            var roles = ClerkRoleMapper.ParseRoleList(ourRoles);
            if (roles.Length == 0 || !roles.All(IdentityRules.IsValidRole))
            {
                failures.Add($"{Prefix}:{key}:{clerkRole} must list one or more role names (separated by spaces or commas) of a-z, 0-9, '_', '.', ':' and '-', each starting with a letter.");
            }
        }
    }

    private static void CheckRange(List<string> failures, string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{Prefix}:{key} must be between {min:c} and {max:c}.");
        }
    }
}
