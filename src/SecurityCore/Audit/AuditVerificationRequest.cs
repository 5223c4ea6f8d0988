namespace McpSecurity.SecurityCore.Audit;

/// <summary>What to verify the audit trail against besides its own stored checkpoints.</summary>
public sealed record AuditVerificationRequest
{
    /// <summary>Gets an exported anchor file (JSON Lines of checkpoints) to check against; null uses <see cref="AuditOptions.AnchorFilePath"/> when it exists.</summary>
    public string? AnchorFilePath { get; init; }
}
