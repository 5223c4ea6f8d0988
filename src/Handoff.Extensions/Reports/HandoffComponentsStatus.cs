namespace McpSecurity.Handoff;

/// <summary>The components of every report by type and status (Phase 6 types and Phase 7 types with their required roles).</summary>
public sealed record HandoffComponentsStatus(IReadOnlyDictionary<string, Dictionary<string, int>> Phase6Components,
    IReadOnlyDictionary<string, Phase7ComponentSummary> Phase7Components, DateTimeOffset GeneratedAt);
