using McpSecurity.SecurityCore.Events;

namespace McpSecurity.SecurityCore.Incidents;

/// <summary>What a detector found: the pattern, its key, the events behind it (or a sample of them) and the figures that crossed the threshold.</summary>
internal sealed record IncidentDetection(
    string Type,
    string Severity,
    string Title,
    string SourceKey,
    string? Component,
    IReadOnlyList<SecurityEvent> Events,
    IReadOnlyDictionary<string, string> Figures)
{
    /// <summary>Gets how many events make up the detection: more than <see cref="Events"/> holds when that is a sample.</summary>
    public long EventCount { get; init; } = Events.Count;

    /// <summary>Gets when the first of those events happened (null when there are none).</summary>
    public DateTimeOffset? FirstSeen { get; init; } = Events.Count > 0 ? Events.Min(e => e.OccurredAt) : null;
}
