using McpSecurity.SecurityCore;

namespace McpSecurity.Server.Mcp;

/// <summary>Checks tool arguments; the SDK publishes the schema constraints but does not enforce them.</summary>
internal static class ToolInput
{
    public static string Require(string? value, string name, int maxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw Invalid(name, "is required");
        }

        return value.Length <= maxLength ? value : throw Invalid(name, $"must be at most {maxLength} characters");
    }

    public static string? Optional(string? value, string name, int maxLength) =>
        string.IsNullOrEmpty(value) ? null
        : value.Length <= maxLength ? value
        : throw Invalid(name, $"must be at most {maxLength} characters");

    public static SecurityException Invalid(string name, string rule) =>
        new(SecurityErrorCodes.ValidationFailed, $"'{name}' {rule}.", new Dictionary<string, object?> { ["field"] = name });
}
