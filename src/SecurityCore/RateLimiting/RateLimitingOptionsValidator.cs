using System.Globalization;
using McpSecurity.SecurityCore.Identity;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.RateLimiting;

/// <summary>Validates <see cref="RateLimitingOptions"/>; each failure names the key and the rule.</summary>
/// <remarks>Registered for the start-up check only; reloads are validated by the limiter, which keeps its policies on failure.</remarks>
internal sealed class RateLimitingOptionsValidator : IValidateOptions<RateLimitingOptions>
{
    /// <summary>The name of the options instance checked at start.</summary>
    public const string StartupCheck = RateLimitingOptions.SectionName;

    /// <summary>The largest limit accepted.</summary>
    public const int MaxLimit = 1_000_000;

    /// <summary>The longest period accepted.</summary>
    public static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(1);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RateLimitingOptions options) =>
        string.Equals(name, StartupCheck, StringComparison.Ordinal) ? Check(options) : ValidateOptionsResult.Skip;

    /// <summary>Validates the options.</summary>
    public static ValidateOptionsResult Check(RateLimitingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>(RateLimitingOptionsBinder.ProblemsOf(options));
        var section = RateLimitingOptions.SectionName;
        if (options.Ipv4PrefixLength is < 0 or > 32)
        {
            failures.Add($"{section}:{nameof(RateLimitingOptions.Ipv4PrefixLength)} must be between 0 and 32.");
        }

        if (options.Ipv6PrefixLength is < 0 or > 128)
        {
            failures.Add($"{section}:{nameof(RateLimitingOptions.Ipv6PrefixLength)} must be between 0 and 128.");
        }

        if (options.MaxKeys is < 100 or > 10_000_000)
        {
            failures.Add($"{section}:{nameof(RateLimitingOptions.MaxKeys)} must be between 100 and 10000000.");
        }

        if (options.EvictionInterval < TimeSpan.FromSeconds(1) || options.EvictionInterval > TimeSpan.FromHours(1))
        {
            failures.Add($"{section}:{nameof(RateLimitingOptions.EvictionInterval)} must be between 00:00:01 and 01:00:00.");
        }

        if (options.FailClosedRetryAfter < TimeSpan.FromSeconds(1) || options.FailClosedRetryAfter > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{section}:{nameof(RateLimitingOptions.FailClosedRetryAfter)} must be between 00:00:01 and 00:10:00.");
        }

        if (options.BypassAuditInterval < TimeSpan.Zero || options.BypassAuditInterval > TimeSpan.FromHours(1))
        {
            failures.Add($"{section}:{nameof(RateLimitingOptions.BypassAuditInterval)} must be between 00:00:00 (every bypass) and 01:00:00.");
        }

        foreach (var (policyName, (policy, _)) in options.EffectivePolicies())
        {
            CheckPolicy($"{section}:{nameof(RateLimitingOptions.Policies)}:{policyName}", policyName, policy, failures);
        }

        // A built-in login, two-factor or token policy keeps its category: another one would make it bypassable (and fail open) silently.
        foreach (var (policyName, configured) in options.Policies ?? [])
        {
            if (options.UseDefaultPolicies && configured?.Category is { } category
                && DefaultRateLimitPolicies.All.TryGetValue(policyName, out var builtIn) && builtIn.Category is { } builtInCategory
                && RateLimitCategories.IsProtected(builtInCategory) && !string.Equals(category, builtInCategory, StringComparison.Ordinal))
            {
                failures.Add($"{section}:{nameof(RateLimitingOptions.Policies)}:{policyName}:{nameof(RateLimitPolicyOptions.Category)}: the built-in {builtInCategory} policy keeps its category (it is never bypassed); remove the key.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Validates one policy, adding failures that start with <paramref name="key"/>.</summary>
    public static void CheckPolicy(string key, string policyName, RateLimitPolicyOptions? policy, List<string> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        if (!IsValidName(policyName))
        {
            failures.Add($"{key}: '{policyName}' is not a valid policy name (1 to 64 characters of a-z, 0-9, '_', '-' and '.', starting with a letter).");
            return;
        }

        if (policy is null)
        {
            failures.Add($"{key}: the policy is empty.");
            return;
        }

        if (policy.Enabled == false)
        {
            return;
        }

        var algorithm = policy.Algorithm ?? RateLimitAlgorithms.Gcra;
        if (!RateLimitAlgorithms.All.Contains(algorithm, StringComparer.Ordinal))
        {
            failures.Add($"{key}:{nameof(policy.Algorithm)}: '{algorithm}' is not an algorithm. Known: {string.Join(", ", RateLimitAlgorithms.All)}.");
        }

        if (policy.Limit is not (>= 1 and <= MaxLimit))
        {
            failures.Add($"{key}:{nameof(policy.Limit)} must be between 1 and {MaxLimit.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (policy.Period is not { } period || period < TimeSpan.FromMilliseconds(1) || period > MaxPeriod)
        {
            failures.Add($"{key}:{nameof(policy.Period)} must be between 00:00:00.001 and 1.00:00:00.");
        }
        else if (policy.Limit is { } limit && period.Ticks / TimeSpan.TicksPerMicrosecond < limit)
        {
            failures.Add($"{key}:{nameof(policy.Limit)} allows more than one request per microsecond of {nameof(policy.Period)}.");
        }

        if (policy.Burst is { } burst)
        {
            if (!string.Equals(algorithm, RateLimitAlgorithms.Gcra, StringComparison.Ordinal))
            {
                failures.Add($"{key}:{nameof(policy.Burst)} applies to the gcra algorithm only; remove it or set {nameof(policy.Algorithm)} to gcra.");
            }
            else if (burst is < 1 or > MaxLimit)
            {
                failures.Add($"{key}:{nameof(policy.Burst)} must be between 1 and {MaxLimit.ToString(CultureInfo.InvariantCulture)}.");
            }
        }

        if (policy.KeyBy is not { Length: > 0 })
        {
            failures.Add($"{key}:{nameof(policy.KeyBy)} must name at least one of: {string.Join(", ", RateLimitKeyParts.All)}.");
        }
        else
        {
            for (var i = 0; i < policy.KeyBy.Length; i++)
            {
                if (!RateLimitKeyParts.All.Contains(policy.KeyBy[i], StringComparer.Ordinal))
                {
                    failures.Add($"{key}:{nameof(policy.KeyBy)}:{i}: '{policy.KeyBy[i]}' is not a key part. Known: {string.Join(", ", RateLimitKeyParts.All)}.");
                }
            }
        }

        CheckPatterns($"{key}:{nameof(policy.Endpoints)}", policy.Endpoints, static value => value.StartsWith('/'), "a path starting with '/' (a trailing '*' matches a prefix)", failures);
        CheckPatterns($"{key}:{nameof(policy.Tools)}", policy.Tools, static value => value == "*" || value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'), "a tool name or '*'", failures);
        CheckPatterns($"{key}:{nameof(policy.Roles)}", policy.Roles, IdentityRules.IsValidRole, "a valid role name", failures);
        CheckPatterns($"{key}:{nameof(policy.BypassRoles)}", policy.BypassRoles, IdentityRules.IsValidRole, "a valid role name", failures);

        var category = policy.Category ?? RateLimitCategories.General;
        if (!RateLimitCategories.All.Contains(category, StringComparer.Ordinal))
        {
            failures.Add($"{key}:{nameof(policy.Category)}: '{category}' is not a category. Known: {string.Join(", ", RateLimitCategories.All)}.");
        }
        else if (RateLimitCategories.IsProtected(category) && policy.BypassRoles is { Length: > 0 })
        {
            failures.Add($"{key}:{nameof(policy.BypassRoles)}: {category} policies can never be bypassed; remove the key.");
        }

        if (policy.FailureMode is { } mode && !RateLimitFailureModes.All.Contains(mode, StringComparer.Ordinal))
        {
            failures.Add($"{key}:{nameof(policy.FailureMode)}: '{mode}' is not a failure mode. Known: {string.Join(", ", RateLimitFailureModes.All)}.");
        }

        if (policy.Ipv4PrefixLength is < 0 or > 32)
        {
            failures.Add($"{key}:{nameof(policy.Ipv4PrefixLength)} must be between 0 and 32.");
        }

        if (policy.Ipv6PrefixLength is < 0 or > 128)
        {
            failures.Add($"{key}:{nameof(policy.Ipv6PrefixLength)} must be between 0 and 128.");
        }
    }

    /// <summary>Returns whether a policy name is valid.</summary>
    public static bool IsValidName(string? name) =>
        name is { Length: >= 1 and <= 64 } && char.IsAsciiLetterLower(name[0])
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-' or '.');

    private static void CheckPatterns(string key, string[]? values, Func<string, bool> isValid, string rule, List<string> failures)
    {
        for (var i = 0; i < (values?.Length ?? 0); i++)
        {
            var value = values![i];
            if (string.IsNullOrWhiteSpace(value) || value.Length > 128 || !isValid(value))
            {
                failures.Add($"{key}:{i}: '{value}' is not {rule}.");
            }
        }
    }
}
