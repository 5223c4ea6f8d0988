namespace McpSecurity.SecurityCore.Incidents;

/// <summary>A security incident: an attack pattern that was detected, the evidence, what was done about it and where its handling stands.</summary>
/// <remarks>Never holds a token, password, code or patient data: evidence names event ids, addresses, subject ids and counts.</remarks>
public sealed record Incident
{
    /// <summary>Gets the incident id (<c>inc_</c> followed by 26 base32 characters).</summary>
    public required string Id { get; init; }

    /// <summary>Gets the detected pattern (see <see cref="IncidentTypes"/>).</summary>
    public required string Type { get; init; }

    /// <summary>Gets the severity: critical, high, medium or low (see <c>IncidentSeverities</c>).</summary>
    public required string Severity { get; init; }

    /// <summary>Gets the status: open, acknowledged or resolved (see <see cref="IncidentStatuses"/>).</summary>
    public required string Status { get; init; }

    /// <summary>Gets a short human title, for example "Brute force on one account".</summary>
    public required string Title { get; init; }

    /// <summary>Gets what the detection is keyed on, for example <c>address:203.0.113.7</c> or <c>subject:usr_...</c>; an open incident with the same type and key is extended rather than duplicated.</summary>
    public required string SourceKey { get; init; }

    /// <summary>Gets the Phase 7 component it concerns (for example <c>jwt_auth_service</c>), or null for the whole product.</summary>
    public string? Component { get; init; }

    /// <summary>Gets when the first event of the pattern happened.</summary>
    public required DateTimeOffset FirstSeen { get; init; }

    /// <summary>Gets when the latest event of the pattern happened.</summary>
    public required DateTimeOffset LastSeen { get; init; }

    /// <summary>Gets how many events the pattern has counted so far.</summary>
    public long EventCount { get; init; }

    /// <summary>Gets the evidence: the events (a bounded sample, newest kept) and the figures that crossed the threshold.</summary>
    public IReadOnlyList<IncidentEvidence> Evidence { get; init; } = [];

    /// <summary>Gets the figures of the detection, for example <c>failures=12</c>, <c>distinct_accounts=30</c>, <c>window_seconds=300</c>.</summary>
    public IReadOnlyDictionary<string, string> Figures { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the automated responses that ran (address block, account lock, revocation), with their expiry.</summary>
    public IReadOnlyList<IncidentResponse> Responses { get; init; } = [];

    /// <summary>Gets who acknowledged it, when it was.</summary>
    public string? AcknowledgedBy { get; init; }

    /// <summary>Gets when it was acknowledged.</summary>
    public DateTimeOffset? AcknowledgedAt { get; init; }

    /// <summary>Gets who resolved it, when it was.</summary>
    public string? ResolvedBy { get; init; }

    /// <summary>Gets when it was resolved.</summary>
    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>Gets the note given on acknowledging or resolving (length-limited, free text chosen by staff).</summary>
    public string? Note { get; init; }
}
