namespace McpSecurity.Handoff;

/// <summary>The Phase 6 <c>POST /reports/{id}/review</c> body.</summary>
public sealed class ReviewHandoffReportRequest
{
    /// <summary>The least review comment length.</summary>
    public const int CommentsMinLength = 10;

    /// <summary>Gets or sets the report id; when given it must equal the report being reviewed.</summary>
    public string? ReportId { get; set; }

    /// <summary>Gets or sets the reviewer id; when given it must be the caller.</summary>
    public string? ReviewerId { get; set; }

    /// <summary>Gets or sets the decision.</summary>
    public required ReviewDecision ReviewStatus { get; set; }

    /// <summary>Gets or sets the review comments (10..2000 characters); stored as <c>review_feedback</c>.</summary>
    public required string ReviewComments { get; set; }

    /// <summary>Gets or sets the amendments asked for (replaces the report's list when given).</summary>
    public List<string>? AmendmentsRequired { get; set; }

    /// <summary>Gets or sets the reviewer's quality score (0..1), replacing the report's.</summary>
    public double? QualityScore { get; set; }
}
