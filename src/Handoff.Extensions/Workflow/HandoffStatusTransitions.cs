using McpSecurity.SecurityCore;

namespace McpSecurity.Handoff;

/// <summary>
/// The Phase 6 status machine: draft and amendments_required go to submitted; submitted may go under review; submitted
/// and under_review are decided (approved, rejected, amendments_required); approved and rejected are final.
/// </summary>
public static class HandoffStatusTransitions
{
    private static readonly Dictionary<HandoffReportStatus, HandoffReportStatus[]> Allowed = new()
    {
        [HandoffReportStatus.Draft] = [HandoffReportStatus.Submitted],
        [HandoffReportStatus.AmendmentsRequired] = [HandoffReportStatus.Submitted],
        [HandoffReportStatus.Submitted] = [HandoffReportStatus.UnderReview, HandoffReportStatus.Approved, HandoffReportStatus.Rejected, HandoffReportStatus.AmendmentsRequired],
        [HandoffReportStatus.UnderReview] = [HandoffReportStatus.Approved, HandoffReportStatus.Rejected, HandoffReportStatus.AmendmentsRequired],
        [HandoffReportStatus.Approved] = [],
        [HandoffReportStatus.Rejected] = [],
    };

    /// <summary>Gets the statuses a report in <paramref name="from"/> may move to.</summary>
    public static IReadOnlyList<HandoffReportStatus> Next(HandoffReportStatus from) => Allowed.TryGetValue(from, out var next) ? next : [];

    /// <summary>Gets whether a report in <paramref name="from"/> may move to <paramref name="to"/>.</summary>
    public static bool IsAllowed(HandoffReportStatus from, HandoffReportStatus to) => Next(from).Contains(to);

    /// <summary>Gets whether a report's content (fields, Phase 6 components) may be changed: in draft and amendments_required.</summary>
    public static bool IsEditable(HandoffReportStatus status) => status is HandoffReportStatus.Draft or HandoffReportStatus.AmendmentsRequired;

    /// <summary>Gets whether a report is final (approved or rejected).</summary>
    public static bool IsFinal(HandoffReportStatus status) => status is HandoffReportStatus.Approved or HandoffReportStatus.Rejected;

    /// <summary>
    /// Throws <see cref="SecurityException"/> with <see cref="SecurityErrorCodes.HandoffInvalidTransition"/>, naming the
    /// current and requested status (message and details), unless the move is allowed.
    /// </summary>
    public static void EnsureAllowed(HandoffReportStatus from, HandoffReportStatus to)
    {
        if (IsAllowed(from, to))
        {
            return;
        }

        var current = HandoffEnumNames.Of(from);
        var requested = HandoffEnumNames.Of(to);
        var next = Next(from);
        var allowed = next.Count == 0 ? "none, it is final" : string.Join(", ", next.Select(HandoffEnumNames.Of));
        throw new SecurityException(SecurityErrorCodes.HandoffInvalidTransition,
            $"The report is '{current}' and cannot become '{requested}' (allowed from '{current}': {allowed}).",
            new Dictionary<string, object?>
            {
                ["current_status"] = current,
                ["requested_status"] = requested,
                ["allowed_statuses"] = next.Select(HandoffEnumNames.Of).ToArray(),
            });
    }
}
