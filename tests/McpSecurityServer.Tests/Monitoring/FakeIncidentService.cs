using McpSecurity.SecurityCore.Incidents;

namespace McpSecurity.Tests.Server.Monitoring;

/// <summary>Incidents held in a list, listed one per page (so that paging is exercised).</summary>
internal sealed class FakeIncidentService(List<Incident> items) : IIncidentService
{
    public List<Incident> Items { get; } = items;

    public int PagesRead { get; private set; }

    public Task<IncidentPage> ListAsync(IncidentQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        PagesRead++;
        var matching = Items.Where(i => query.Status is null || i.Status == query.Status).ToList();
        var start = query.Cursor is null ? 0 : int.Parse(query.Cursor, System.Globalization.CultureInfo.InvariantCulture);
        var page = matching.Skip(start).Take(1).ToList();
        var next = start + 1 < matching.Count ? (start + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return Task.FromResult(new IncidentPage(page, next));
    }

    public Task<Incident?> GetAsync(string incidentId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Items.FirstOrDefault(i => i.Id == incidentId));

    public Task<Incident> AcknowledgeAsync(string incidentId, string actorId, string? note, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<Incident> ResolveAsync(string incidentId, string actorId, string? note, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();
}
