namespace McpSecurity.SecurityCore.Compliance;

/// <summary>A failing control of a compliance run.</summary>
/// <param name="ControlId">The control id, for example <c>164.312(b)</c>.</param>
/// <param name="Title">The control's title.</param>
/// <param name="Severity">critical, high, medium or low.</param>
/// <param name="Finding">What was found.</param>
public sealed record ComplianceControlFinding(string ControlId, string Title, string Severity, string Finding);
