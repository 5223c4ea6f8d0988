namespace McpSecurity.Handoff;

/// <summary>One bad field: where it is, a stable code (see <see cref="HandoffValidationCodes"/>) and a caller-safe message.</summary>
/// <param name="Field">The field path, for example <c>phase6_components[0].progress_percentage</c>; <c>$</c> for the whole body.</param>
/// <param name="Code">The stable code of the broken rule.</param>
/// <param name="Message">What is wrong, naming the field and the rule.</param>
public sealed record HandoffValidationError(string Field, string Code, string Message);
