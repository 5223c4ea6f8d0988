namespace McpSecurity.Handoff;

/// <summary>A Phase 6 hand-off report, exactly the Phase 6 contract.</summary>
public sealed class AgentHandoffReport : AgentHandoffReportBase<SignOffRecord>;
