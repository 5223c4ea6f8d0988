using McpSecurity.SecurityCore.Identity;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Authorization;

/// <summary>Validates <see cref="RoleOptions"/>; each failure names the key and the rule.</summary>
internal sealed class RoleOptionsValidator : IValidateOptions<RoleOptions>
{
    /// <summary>The longest cache lifetime accepted.</summary>
    public static readonly TimeSpan MaxCacheLifetime = TimeSpan.FromMinutes(10);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RoleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var prefix = $"{RoleOptions.SectionName}:{nameof(RoleOptions.Permissions)}";
        var failures = new List<string>();
        foreach (var (role, entries) in options.Permissions ?? [])
        {
            var key = $"{prefix}:{role}";
            if (!IdentityRules.IsValidRole(role))
            {
                failures.Add($"{key}: '{role}' is not a valid role name (1 to 64 characters of a-z, 0-9, '_', '.', ':' and '-', starting with a letter).");
                continue;
            }

            if (string.Equals(role, Roles.Admin, StringComparison.Ordinal))
            {
                failures.Add($"{key}: the {Roles.Admin} role always holds every permission and cannot be configured; remove the key.");
                continue;
            }

            var index = 0;
            foreach (var entry in entries ?? [])
            {
                if (!Permissions.TryExpand(entry, out _))
                {
                    failures.Add($"{key}:{index}: '{entry}' is not a known permission or pattern. Known permissions: {string.Join(", ", Permissions.All)} (patterns: '*', 'area:*').");
                }

                index++;
            }
        }

        if (options.CacheLifetime < TimeSpan.Zero || options.CacheLifetime > MaxCacheLifetime)
        {
            failures.Add($"{RoleOptions.SectionName}:{nameof(RoleOptions.CacheLifetime)} must be between 00:00:00 (no cache) and {MaxCacheLifetime:c}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
