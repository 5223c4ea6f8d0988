namespace McpSecurity.Handoff;

/// <summary>Makes the <see cref="EnhancedAgentHandoffReport"/> a caller sees: the stored report plus live security data.</summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>security_metrics</c>: counted from the recorded security events of a stated window, from the report's creation (at
/// most <see cref="HandoffSignOffOptions.MetricsWindow"/> back) to now; <c>audit_events</c> counts the events about this report;
/// <c>rate_limit_violations</c> is 0 until rate limiting exists (issue 5); <c>vulnerability_count</c> 0 and
/// <c>average_response_time_ms</c> null (nothing records them yet); compliance figures from the latest run.</item>
/// <item><c>authentication_status</c>: the caller's (state from the account now, subject, current roles, method from <c>amr</c>,
/// <c>mfa_verified</c>, session id, authentication and expiry times).</item>
/// <item><c>compliance_validation</c>: the latest compliance run, <c>unknown</c> until one exists.</item>
/// <item><c>phase7_components</c>: each with <c>required_roles</c> and <c>missing_roles</c> (contract table, unexpired approvals).</item>
/// <item><c>sign_off_verification</c>: the server-signature check of every stored sign-off (<c>verified</c>, <c>invalid</c>).</item>
/// </list>
/// Nothing of this is stored: it is computed on every read.
/// </remarks>
public interface IHandoffReportBuilder
{
    /// <summary>Builds the enhanced report of <paramref name="entry"/> as <paramref name="caller"/> sees it now.</summary>
    Task<EnhancedAgentHandoffReport> BuildAsync(HandoffReportEntry entry, HandoffCaller? caller, CancellationToken cancellationToken = default);
}
