using McpSecurity.SecurityCore.Storage;

namespace McpSecurity.Tests.Handoff.Infrastructure;

/// <summary>Passes every call through, but runs <see cref="BeforeNextSave"/> (once) just before a save: a racing writer.</summary>
internal sealed class InterferingRepository(IHandoffReportRepository inner) : IHandoffReportRepository
{
    public Action? BeforeNextSave { get; set; }

    public int Saves { get; private set; }

    public StoredHandoffReport? Find(string reportId) => inner.Find(reportId);

    public bool TrySave(StoredHandoffReport report, long expectedRevision)
    {
        var interference = BeforeNextSave;
        BeforeNextSave = null;
        interference?.Invoke();
        Saves++;
        return inner.TrySave(report, expectedRevision);
    }

    public HandoffReportSlice Query(HandoffReportCriteria criteria, int skip, int limit) => inner.Query(criteria, skip, limit);
}
