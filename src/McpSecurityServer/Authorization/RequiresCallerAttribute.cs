namespace McpSecurity.Server.Authorization;

/// <summary>Declares that an MCP tool or REST endpoint needs an authenticated caller and no particular permission.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
internal sealed class RequiresCallerAttribute : Attribute;
