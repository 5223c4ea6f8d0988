using Microsoft.Extensions.Options;

namespace McpSecurity.Handoff;

/// <summary>Checks the sign-off policy at start-up, naming the bad key.</summary>
internal sealed class HandoffSignOffOptionsValidator : IValidateOptions<HandoffSignOffOptions>
{
    private static readonly string[] Decisions = ["approved", "rejected", "conditional"];

    public ValidateOptionsResult Validate(string? name, HandoffSignOffOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var section = HandoffSignOffOptions.SectionName;
        var roles = HandoffEnumNames.Of(typeof(SignOffRole));
        if (options.TwoFactorDecisions.Any(d => !Decisions.Contains(d)))
        {
            failures.Add($"{section}:{nameof(options.TwoFactorDecisions)} must list only: {string.Join(", ", Decisions)}.");
        }

        foreach (var (role, decisions) in options.RoleTwoFactorDecisions)
        {
            if (!roles.Contains(role))
            {
                failures.Add($"{section}:{nameof(options.RoleTwoFactorDecisions)}:{role} is not a sign-off role ({string.Join(", ", roles)}).");
            }
            else if (decisions.Any(d => !Decisions.Contains(d)))
            {
                failures.Add($"{section}:{nameof(options.RoleTwoFactorDecisions)}:{role} must list only: {string.Join(", ", Decisions)}.");
            }
        }

        if (options.ComplianceRequiredRoles.Any(r => !roles.Contains(r)))
        {
            failures.Add($"{section}:{nameof(options.ComplianceRequiredRoles)} must list only sign-off roles ({string.Join(", ", roles)}).");
        }

        if (options.MinimumSecurityScore is < 0 or > 1 || double.IsNaN(options.MinimumSecurityScore))
        {
            failures.Add($"{section}:{nameof(options.MinimumSecurityScore)} must be between 0 and 1.");
        }

        if (options.MinimumAddressReputation is < 0 or > 1 || double.IsNaN(options.MinimumAddressReputation))
        {
            failures.Add($"{section}:{nameof(options.MinimumAddressReputation)} must be between 0 and 1.");
        }

        if (options.DefaultExpiryDays is < 1 or > 365)
        {
            failures.Add($"{section}:{nameof(options.DefaultExpiryDays)} must be between 1 and 365.");
        }

        if (options.ExpirySweepInterval < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{section}:{nameof(options.ExpirySweepInterval)} must be at least 00:00:01.");
        }

        if (options.MetricsWindow < TimeSpan.FromMinutes(1))
        {
            failures.Add($"{section}:{nameof(options.MetricsWindow)} must be at least 00:01:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
