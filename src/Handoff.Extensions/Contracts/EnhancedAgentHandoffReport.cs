namespace McpSecurity.Handoff;

/// <summary>A Phase 6 report plus the Phase 7 fields; its sign-offs are <see cref="EnhancedSignOffRecord"/>s.</summary>
/// <remarks>A Phase 6 reader ignores the additions; a Phase 6 report read as this type gets them with their defaults.</remarks>
public sealed class EnhancedAgentHandoffReport : AgentHandoffReportBase<EnhancedSignOffRecord>
{
    /// <summary>Gets or sets the Phase 7 components and their progress and sign-offs.</summary>
    public List<Phase7ComponentProgress> Phase7Components { get; set; } = [];

    /// <summary>Gets or sets the security figures over a stated window (all zero until computed).</summary>
    public SecurityMetrics SecurityMetrics { get; set; } = new();

    /// <summary>Gets or sets the authentication of the caller who produced or changed the report.</summary>
    public AuthenticationStatus AuthenticationStatus { get; set; } = new();

    /// <summary>Gets or sets the latest compliance result (<c>unknown</c> until a run exists).</summary>
    public ComplianceStatus ComplianceValidation { get; set; } = new();
}
