namespace McpSecurity.Handoff;

/// <summary>A Phase 7 component type: the roles it needs and how many reports hold it in each status.</summary>
public sealed record Phase7ComponentSummary(IReadOnlyList<string> RequiredRoles, IReadOnlyDictionary<string, int> ByStatus);
