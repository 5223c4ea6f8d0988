namespace McpSecurity.SecurityCore.Storage;

/// <summary>Persists hand-off reports with optimistic concurrency.</summary>
public interface IHandoffReportRepository
{
    /// <summary>Finds a report by id.</summary>
    StoredHandoffReport? Find(string reportId);

    /// <summary>
    /// Saves <paramref name="report"/> when the stored revision still equals <paramref name="expectedRevision"/> (0: no
    /// report with that id exists yet) and sets its <see cref="StoredHandoffReport.Revision"/> to the next one. Returns
    /// false, saving nothing, when another write came first.
    /// </summary>
    bool TrySave(StoredHandoffReport report, long expectedRevision);

    /// <summary>Gets the reports matching <paramref name="criteria"/>, newest first (ties by id), skipping and limiting.</summary>
    HandoffReportSlice Query(HandoffReportCriteria criteria, int skip, int limit);
}
