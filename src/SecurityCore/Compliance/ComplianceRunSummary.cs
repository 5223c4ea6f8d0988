namespace McpSecurity.SecurityCore.Compliance;

/// <summary>The outcome of one compliance run.</summary>
/// <param name="RunId">The run (report) id.</param>
/// <param name="Framework">The framework, for example <c>HIPAA</c>.</param>
/// <param name="Overall">compliant, partially_compliant or non_compliant.</param>
/// <param name="Score">The score, 0..1.</param>
/// <param name="ControlsPassed">Controls passed.</param>
/// <param name="ControlsFailed">Controls failed.</param>
/// <param name="ControlsNotApplicable">Controls that do not apply.</param>
/// <param name="FailingControls">The failing controls.</param>
/// <param name="EvaluatedAt">When it ran.</param>
public sealed record ComplianceRunSummary(
    string RunId,
    string Framework,
    string Overall,
    double Score,
    int ControlsPassed,
    int ControlsFailed,
    int ControlsNotApplicable,
    IReadOnlyList<ComplianceControlFinding> FailingControls,
    DateTimeOffset EvaluatedAt)
{
    /// <summary>Gets whether the run fails: anything but <c>compliant</c>.</summary>
    public bool IsFailing => !string.Equals(Overall, "compliant", StringComparison.Ordinal);
}
