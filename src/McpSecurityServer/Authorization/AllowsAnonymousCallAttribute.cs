namespace McpSecurity.Server.Authorization;

/// <summary>Declares that an MCP tool works without an authenticated caller (it authenticates its own input, as <c>issue_token</c> does).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
internal sealed class AllowsAnonymousCallAttribute : Attribute;
