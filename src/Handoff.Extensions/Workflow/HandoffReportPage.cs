namespace McpSecurity.Handoff;

/// <summary>One page of the Phase 6 report list: <c>{reports, total_count, page, page_size, has_next, has_previous}</c>.</summary>
public sealed class HandoffReportPage
{
    /// <summary>Gets or sets the reports of the page, newest first.</summary>
    public required List<EnhancedAgentHandoffReport> Reports { get; set; }

    /// <summary>Gets or sets how many reports match the filters.</summary>
    public required int TotalCount { get; set; }

    /// <summary>Gets or sets the page number (from 1).</summary>
    public required int Page { get; set; }

    /// <summary>Gets or sets the page size.</summary>
    public required int PageSize { get; set; }

    /// <summary>Gets or sets whether a later page exists.</summary>
    public required bool HasNext { get; set; }

    /// <summary>Gets or sets whether an earlier page exists.</summary>
    public required bool HasPrevious { get; set; }
}
