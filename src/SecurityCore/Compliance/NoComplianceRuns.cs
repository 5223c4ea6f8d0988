namespace McpSecurity.SecurityCore.Compliance;

/// <summary>The compliance seam before compliance runs exist: there is never a run, so the status stays <c>unknown</c>.</summary>
internal sealed class NoComplianceRuns : IComplianceStatusLookup
{
    /// <inheritdoc />
    public Task<ComplianceRunSummary?> GetLatestAsync(string framework, CancellationToken cancellationToken = default) =>
        Task.FromResult<ComplianceRunSummary?>(null);
}
