using McpSecurity.SecurityCore.Events;

namespace McpSecurity.SecurityCore.Incidents;

/// <summary>What a detector found: the pattern, its key, the events behind it and the figures that crossed the threshold.</summary>
internal sealed record IncidentDetection(
    string Type,
    string Severity,
    string Title,
    string SourceKey,
    string? Component,
    IReadOnlyList<SecurityEvent> Events,
    IReadOnlyDictionary<string, string> Figures);
