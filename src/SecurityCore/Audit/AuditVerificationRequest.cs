namespace McpSecurity.SecurityCore.Audit;

/// <summary>What to verify the audit trail against besides its own stored checkpoints.</summary>
public sealed record AuditVerificationRequest
{
    /// <summary>Gets an exported anchor file (JSON Lines of checkpoints) to check against; null uses <see cref="AuditOptions.AnchorFilePath"/> when it exists.</summary>
    public string? AnchorFilePath { get; init; }

    /// <summary>Gets who asked (user or client id), recorded in the <c>audit_verified</c> event; reading the trail is itself audited.</summary>
    public string? RequestedBy { get; init; }

    /// <summary>Gets the caller's remote address, when known.</summary>
    public string? Address { get; init; }

    /// <summary>Gets the request id, when known.</summary>
    public string? RequestId { get; init; }
}
