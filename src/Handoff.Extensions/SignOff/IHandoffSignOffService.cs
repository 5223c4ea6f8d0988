namespace McpSecurity.Handoff;

/// <summary>
/// Phase 7 sign-off of hand-off reports: role, second factor and gates checked in one call, the record signed by the server,
/// components signed off by themselves when every required role approved, expiry; every step and refusal is a security event.
/// </summary>
public interface IHandoffSignOffService
{
    /// <summary>Signs a report (or one of its Phase 7 components) off; refusals are <see cref="McpSecurity.SecurityCore.SecurityException"/>s with stable codes.</summary>
    /// <remarks>
    /// Checked in order: the request, the report's status, the role (held now, and required), separation of duties, the
    /// second factor (where the policy asks; a wrong code counts towards lockout), then for approvals the Phase 7 gates:
    /// address reputation, security score (which includes the address), open critical incidents, failing compliance (roles whose policy requires it).
    /// </remarks>
    Task<HandoffSignOffResult> SignOffAsync(HandoffCaller caller, string reportId, SignOffHandoffReportRequest request, long? expectedRevision = null, CancellationToken cancellationToken = default);

    /// <summary>Records the sign-offs that reached their expiry (an audit event each) and takes <c>signed_off</c> from components that lost an approval; answers how many expired.</summary>
    Task<int> ExpireDueAsync(CancellationToken cancellationToken = default);

    /// <summary>Checks the server signature of every sign-off of a report.</summary>
    IReadOnlyList<SignOffVerification> Verify(EnhancedAgentHandoffReport report);
}
