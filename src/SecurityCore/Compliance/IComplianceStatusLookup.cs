namespace McpSecurity.SecurityCore.Compliance;

/// <summary>The seam to compliance runs (a later issue): the latest run, or null while none exists (status <c>unknown</c>).</summary>
/// <remarks>The registered implementation until then, <see cref="NoComplianceRuns"/>, always answers null.</remarks>
public interface IComplianceStatusLookup
{
    /// <summary>Gets the latest run of <paramref name="framework"/>, or null when there is none.</summary>
    Task<ComplianceRunSummary?> GetLatestAsync(string framework, CancellationToken cancellationToken = default);
}
