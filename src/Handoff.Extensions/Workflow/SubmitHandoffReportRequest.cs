namespace McpSecurity.Handoff;

/// <summary>The Phase 6 <c>POST /reports/{id}/submit</c> body.</summary>
public sealed class SubmitHandoffReportRequest
{
    /// <summary>The key under which the submission notes are kept on the report (an extra field Phase 6 ignores).</summary>
    public const string SubmissionNotesField = "submission_notes";

    /// <summary>Gets or sets the report id; when given it must equal the report being submitted.</summary>
    public string? ReportId { get; set; }

    /// <summary>Gets or sets the agent id; when given it must be the caller.</summary>
    public string? AgentId { get; set; }

    /// <summary>Gets or sets notes for the reviewers (at most 1000 characters).</summary>
    public string? SubmissionNotes { get; set; }

    /// <summary>Gets or sets attachments to add to the report.</summary>
    public List<string>? Attachments { get; set; }
}
