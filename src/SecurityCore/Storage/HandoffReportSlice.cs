namespace McpSecurity.SecurityCore.Storage;

/// <summary>One slice of a stored hand-off report query, newest first, and how many reports match in all.</summary>
/// <param name="Reports">The reports of the slice.</param>
/// <param name="TotalCount">The number of reports that match the criteria.</param>
public sealed record HandoffReportSlice(IReadOnlyList<StoredHandoffReport> Reports, int TotalCount);
