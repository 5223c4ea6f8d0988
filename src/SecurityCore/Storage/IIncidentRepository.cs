namespace McpSecurity.SecurityCore.Storage;

/// <summary>Persists incidents.</summary>
internal interface IIncidentRepository
{
    /// <summary>Finds an incident by id.</summary>
    StoredIncident? Find(string id);

    /// <summary>Finds the open or acknowledged incident of a <c>type|source_key</c>.</summary>
    StoredIncident? FindOpen(string openKey);

    /// <summary>Inserts or replaces an incident.</summary>
    void Upsert(StoredIncident incident);

    /// <summary>Gets incidents matching the filters, newest last-seen first (ties by id, descending), strictly after <paramref name="after"/> in that order.</summary>
    IReadOnlyList<StoredIncident> Query(string? status, string? type, string? severity, DateTimeOffset? since, (DateTimeOffset LastSeen, string Id)? after, int limit);

    /// <summary>Gets every open or acknowledged incident.</summary>
    IReadOnlyList<StoredIncident> ListUnresolved();
}
