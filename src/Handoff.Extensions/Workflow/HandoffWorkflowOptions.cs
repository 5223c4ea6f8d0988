namespace McpSecurity.Handoff;

/// <summary>Options of the hand-off workflow.</summary>
public sealed class HandoffWorkflowOptions
{
    /// <summary>Gets or sets whether a report must be complete (Phase 6: summary, a component, overall progress 100) to be submitted.</summary>
    /// <remarks>Default true.</remarks>
    public bool RequireCompleteReportToSubmit { get; set; } = true;

    /// <summary>Gets or sets whether a review may approve only when every required role has an unexpired approved sign-off.</summary>
    /// <remarks>Default true: an approval without the sign-offs would contradict the report's own <c>sign_off_status</c>.</remarks>
    public bool RequireSignOffsToApprove { get; set; } = true;

    /// <summary>Gets or sets the roles a new report needs (default developer, tech lead, QA engineer; Phase 6's default).</summary>
    public IList<SignOffRole> DefaultRequiredSignOffs { get; } = [.. HandoffRules.DefaultRequiredSignOffs];

    /// <summary>Gets or sets how often a write that lost a race is re-applied to the newer report before giving up (default 5).</summary>
    /// <remarks>Only writes without an expected revision are re-applied; with one, a race is a conflict for the caller.</remarks>
    public int MaxWriteAttempts { get; set; } = 5;
}
