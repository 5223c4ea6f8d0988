namespace McpSecurity.Handoff;

/// <summary>The outcome of a sign-off: the report as saved and the stored, signed record.</summary>
/// <param name="Entry">The report and its new revision.</param>
/// <param name="SignOff">The stored sign-off, with the server's signature.</param>
/// <param name="SignedOffComponents">The Phase 7 components that became <c>signed_off</c> with it.</param>
public sealed record HandoffSignOffResult(HandoffReportEntry Entry, EnhancedSignOffRecord SignOff, IReadOnlyList<Phase7ComponentType> SignedOffComponents);
