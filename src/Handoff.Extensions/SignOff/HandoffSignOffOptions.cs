namespace McpSecurity.Handoff;

/// <summary>The Phase 7 sign-off policy (configuration section <c>Handoff:SignOff</c>).</summary>
public sealed class HandoffSignOffOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Handoff:SignOff";

    /// <summary>Gets or sets the decisions that need a second factor in the signing call, for every role without its own entry.</summary>
    /// <remarks>Default <c>approved</c> and <c>conditional</c> (every approval). Values: approved, rejected, conditional.</remarks>
    public string[] TwoFactorDecisions { get; set; } = ["approved", "conditional"];

    /// <summary>Gets or sets per-role overrides of <see cref="TwoFactorDecisions"/> (role -> decisions; an empty list: none).</summary>
    public Dictionary<string, string[]> RoleTwoFactorDecisions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Gets or sets the roles whose approvals need a compliance run that does not fail (default security_reviewer, architect).</summary>
    /// <remarks>While no run exists the status is <c>unknown</c>, which does not refuse.</remarks>
    public string[] ComplianceRequiredRoles { get; set; } = ["security_reviewer", "architect"];

    /// <summary>Gets or sets the least signer security score an approval needs (default 0.8).</summary>
    public double MinimumSecurityScore { get; set; } = 0.8;

    /// <summary>Gets or sets the least reputation of the signer's address an approval needs (default 0.5).</summary>
    public double MinimumAddressReputation { get; set; } = 0.5;

    /// <summary>Gets or sets how many days a sign-off counts when the request names none (default 30, Phase 6's).</summary>
    public int DefaultExpiryDays { get; set; } = 30;

    /// <summary>Gets or sets how often the server records expired sign-offs (default 5 minutes).</summary>
    public TimeSpan ExpirySweepInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the longest window the security metrics of a report cover (default 30 days, ending now and starting no earlier than the report).</summary>
    public TimeSpan MetricsWindow { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Gets the decisions that need a second factor for <paramref name="role"/>.</summary>
    public IReadOnlyList<string> TwoFactorDecisionsFor(string role) =>
        RoleTwoFactorDecisions.TryGetValue(role, out var decisions) ? decisions : TwoFactorDecisions;
}
