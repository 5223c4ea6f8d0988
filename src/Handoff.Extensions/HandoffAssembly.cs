namespace McpSecurity.Handoff;

/// <summary>Identifies the hand-off extensions assembly: the Phase 6 contract types and their Phase 7 additions.</summary>
public static class HandoffAssembly
{
    /// <summary>Gets the contract version of the Phase 6 hand-off format this assembly speaks.</summary>
    public const string Phase6ContractVersion = "1.0.0";
}
