namespace McpSecurity.Handoff;

/// <summary>The Phase 6 <c>POST /reports/{id}/sign-off</c> body plus the Phase 7 second factor and an optional component.</summary>
public sealed class SignOffHandoffReportRequest
{
    /// <summary>Gets or sets the report id; when given it must equal the report being signed.</summary>
    public string? ReportId { get; set; }

    /// <summary>Gets or sets the role signed for; the signer must hold it.</summary>
    public required SignOffRole SignOffRole { get; set; }

    /// <summary>Gets or sets the signer id (Phase 6 <c>agent_id</c>); when given it must be the caller.</summary>
    public string? AgentId { get; set; }

    /// <summary>Gets or sets the decision: approved, rejected or conditional.</summary>
    public required SignOffDecision Status { get; set; }

    /// <summary>Gets or sets the comments (at most 1000 characters).</summary>
    public string? Comments { get; set; }

    /// <summary>Gets or sets the conditions of a conditional approval.</summary>
    public List<string>? Conditions { get; set; }

    /// <summary>Gets or sets how many days the sign-off counts (1..365; default 30).</summary>
    public int? ExpiresInDays { get; set; }

    /// <summary>Gets or sets the second-factor code (TOTP, SMS or recovery code); never stored or logged.</summary>
    public string? TwoFactorCode { get; set; }

    /// <summary>Gets or sets the second factor: <c>totp</c> (default), <c>sms</c> or <c>recovery_code</c>.</summary>
    public string? TwoFactorMethod { get; set; }

    /// <summary>Gets or sets the Phase 7 component signed for; without it the sign-off is the report's (and counts for its Phase 7 components that need the role).</summary>
    public Phase7ComponentType? ComponentType { get; set; }
}
