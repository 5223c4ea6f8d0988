using McpSecurity.SecurityCore.Authorization;

namespace McpSecurity.Handoff;

/// <summary>
/// The hand-off workflow over stored reports: create, update, submit, review, component progress, get and list. Every
/// change is checked against Phase 6's status machine, saved with optimistic concurrency and published as a security event
/// (refusals too). Refusals are <see cref="McpSecurity.SecurityCore.SecurityException"/>s with stable codes.
/// </summary>
/// <remarks>
/// Each write takes an optional expected revision (from <see cref="HandoffReportEntry.Revision"/> or its ETag): given, a
/// report changed since is refused with <c>HANDOFF_REVISION_CONFLICT</c>; omitted, the change is re-applied to the newer
/// report, so concurrent changes of different parts never lose one another.
/// </remarks>
public interface IHandoffWorkflow
{
    /// <summary>Creates a draft report filed by <paramref name="caller"/> (its agent id).</summary>
    Task<HandoffReportEntry> CreateAsync(ActingPrincipal caller, CreateHandoffReportRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a draft filed by <paramref name="caller"/> from a report written elsewhere (for example a Phase 6 JSON file read
    /// with <see cref="HandoffJson.ReadEnhancedReport"/>): the work, components and unknown fields are kept; the id, agent,
    /// status, review, sign-offs and Phase 7 security fields start afresh (the old id is kept as <c>source_report_id</c>).
    /// </summary>
    Task<HandoffReportEntry> ImportAsync(ActingPrincipal caller, EnhancedAgentHandoffReport source, CancellationToken cancellationToken = default);

    /// <summary>Gets a report; <c>NOT_FOUND</c> when there is none.</summary>
    Task<HandoffReportEntry> GetAsync(string reportId, CancellationToken cancellationToken = default);

    /// <summary>Lists reports with Phase 6's filters and paging, newest first.</summary>
    Task<HandoffReportPage> ListAsync(HandoffReportQuery query, CancellationToken cancellationToken = default);

    /// <summary>Changes the content of a draft (or amendments-required) report; only its agent may.</summary>
    Task<HandoffReportEntry> UpdateAsync(ActingPrincipal caller, string reportId, UpdateHandoffReportRequest request, long? expectedRevision = null, CancellationToken cancellationToken = default);

    /// <summary>Submits a draft (or amended) report for review; only its agent may, and by default only when it is complete.</summary>
    Task<HandoffReportEntry> SubmitAsync(ActingPrincipal caller, string reportId, SubmitHandoffReportRequest request, long? expectedRevision = null, CancellationToken cancellationToken = default);

    /// <summary>Decides a submitted (or under-review) report: approved, rejected or amendments required; never by its own agent.</summary>
    Task<HandoffReportEntry> ReviewAsync(ActingPrincipal caller, string reportId, ReviewHandoffReportRequest request, long? expectedRevision = null, CancellationToken cancellationToken = default);

    /// <summary>Sets the progress of a Phase 6 component (creating its entry); only the agent, only while the report is editable.</summary>
    Task<HandoffReportEntry> UpdatePhase6ComponentAsync(ActingPrincipal caller, string reportId, UpdatePhase6ComponentRequest request, long? expectedRevision = null, CancellationToken cancellationToken = default);

    /// <summary>Sets the progress of a Phase 7 component (creating its entry); only the agent, only before the report is final.</summary>
    Task<HandoffReportEntry> UpdatePhase7ComponentAsync(ActingPrincipal caller, string reportId, UpdatePhase7ComponentRequest request, long? expectedRevision = null, CancellationToken cancellationToken = default);
}
