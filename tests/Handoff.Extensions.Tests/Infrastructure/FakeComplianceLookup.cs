using McpSecurity.SecurityCore.Compliance;

namespace McpSecurity.Tests.Handoff.Infrastructure;

/// <summary>A compliance seam whose latest run the test sets.</summary>
internal sealed class FakeComplianceLookup : IComplianceStatusLookup
{
    public ComplianceRunSummary? Latest { get; set; }

    public Task<ComplianceRunSummary?> GetLatestAsync(string framework, CancellationToken cancellationToken = default) => Task.FromResult(Latest);
}
